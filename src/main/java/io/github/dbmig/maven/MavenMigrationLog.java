package io.github.dbmig.maven;

import io.github.dbmig.engine.MigrationLog;
import org.apache.maven.plugin.logging.Log;

/** Forwards engine messages to the Maven build log. */
final class MavenMigrationLog implements MigrationLog {

    private final Log log;

    MavenMigrationLog(Log log) {
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
