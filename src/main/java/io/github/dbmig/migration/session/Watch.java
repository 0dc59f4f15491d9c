package io.github.dbmig.migration.session;

import io.github.dbmig.config.PropertyCheck;
import io.github.dbmig.log.Log;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static io.github.dbmig.errors.Messages.about;

/**
 * Says, every 30 seconds (system property {@code dbmig.waitLogSeconds}), what dbmig is still waiting for while a call
 * to PostgreSQL has not returned: a long script, a server that is paused or a network that dropped silently never
 * leaves the build quiet.
 */
public final class Watch implements AutoCloseable {

    private final ScheduledFuture<?> report;

    private Watch(ScheduledFuture<?> report) {
        this.report = report;
    }

    /** The thread that says it, one per session (never a static one, which would outlive the build). */
    static ScheduledExecutorService timer() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dbmig-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param timer from {@link #timer()}
     * @param what  what is waited for, e.g. "script 2_data.sql, line 3"
     */
    static Watch start(ScheduledExecutorService timer, Log log, String databaseId, String what) {
        long interval = Duration.ofSeconds(Long.getLong(PropertyCheck.WAIT_LOG_SECONDS, 30))
                .toMillis();
        long started = System.nanoTime();
        ScheduledFuture<?> report = timer.scheduleAtFixedRate(
                () -> log.info(about(databaseId)
                        + "still waiting for PostgreSQL to finish " + what + " ("
                        + (System.nanoTime() - started) / 1_000_000_000
                        + " s so far)."),
                interval,
                interval,
                TimeUnit.MILLISECONDS);
        return new Watch(report);
    }

    @Override
    public void close() {
        report.cancel(false);
    }
}
