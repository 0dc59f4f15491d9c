package io.github.dbmig.migration.execution;

import io.github.dbmig.log.Log;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlStatement;

/**
 * The back-off after a statement gave up waiting for a table lock ({@code lock_timeout}): nothing of it was kept, so it
 * runs again after a pause that doubles each time, {@link #ATTEMPTS} times in all.
 */
final class LockRetry {

    static final int ATTEMPTS = 4;

    private final Log log;
    private final long firstBackoffMillis;

    LockRetry(Log log, long firstBackoffMillis) {
        this.log = log;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    /** Says so and waits before attempt {@code attempt + 1}; {@code sql} is null when the whole script runs again. */
    void pause(ParsedScript script, SqlStatement sql, int attempt) {
        long pause = firstBackoffMillis << (attempt - 1);
        log.warn(
                script.file().fileName() + (sql == null ? "" : " line " + sql.line()) + ": a table lock was not granted"
                        + " within lock_timeout; retry " + attempt + " of " + (ATTEMPTS - 1) + " in " + pause + " ms.");
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
