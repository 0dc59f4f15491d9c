package io.github.dbmig.maven.build;

import io.github.dbmig.log.Log;
import io.github.dbmig.log.Secrets;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Routes the core's log to the Maven build log, every message masked by the goal's {@link Secrets}: not even
 * {@code mvn -X} shows a password.
 */
public final class MavenLog implements Log {

    private final org.apache.maven.plugin.logging.Log log;
    private final Secrets secrets;

    public MavenLog(org.apache.maven.plugin.logging.Log log, Secrets secrets) {
        this.log = log;
        this.secrets = secrets;
    }

    @Override
    public void info(String message) {
        log.info(secrets.mask(message));
    }

    @Override
    public void warn(String message) {
        log.warn(secrets.mask(message));
    }

    @Override
    public void debug(String message) {
        if (log.isDebugEnabled()) {
            log.debug(secrets.mask(message));
        }
    }

    /**
     * An exception for {@code -X}: its stack trace (causes included) rendered as text and masked. Maven's own
     * {@code debug(Throwable)} would print the messages in it as they are.
     */
    void debug(Throwable error) {
        if (log.isDebugEnabled()) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                error.printStackTrace(out);
            }
            log.debug(secrets.mask(trace.toString().stripTrailing()));
        }
    }
}
