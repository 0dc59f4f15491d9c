package io.github.dbmig.maven;

import io.github.dbmig.log.Log;

/** Routes the core's log to the Maven build log. */
final class MavenLog implements Log {

    private final org.apache.maven.plugin.logging.Log log;

    MavenLog(org.apache.maven.plugin.logging.Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
