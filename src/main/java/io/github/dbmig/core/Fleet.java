package io.github.dbmig.core;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.log.PrefixedLog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.github.dbmig.errors.Messages.firstLine;

/**
 * Runs one goal over many databases, {@code parallel} at a time, each with its own lock, backup and history, and each
 * database's log lines prefixed with its id. A failure on one database does not stop the others, unless fail-fast is
 * asked for; an interrupted build (Ctrl-C, SIGTERM) lets scripts in flight finish or roll back, starts nothing new,
 * and still gives the table.
 */
public final class Fleet {

    /** What the goal does with one database; returns its line of the table, or throws. */
    @FunctionalInterface
    public interface Work {
        FleetReport.Row run(Database database, RunContext context);
    }

    private final RunContext context;
    private final int parallel;
    private final boolean failFast;
    private final AtomicBoolean setupError = new AtomicBoolean();

    public Fleet(RunContext context, int parallel, boolean failFast) {
        this.context = context;
        this.parallel = parallel;
        this.failFast = failFast;
    }

    /** Checks {@code -Ddbmig.parallel}: a whole number, 1 or more. */
    public static int parallelism(String text) {
        String value = text == null || text.isBlank() ? "1" : text.strip();
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new SetupException("-Ddbmig.parallel=" + value + " is not a number of databases to work on at once (1 or more).");
    }

    public FleetReport run(String goal, String shard, List<Database> databases, Work work) {
        Log log = context.log();
        FleetReport.Row[] rows = new FleetReport.Row[databases.size()];
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread interrupt = new Thread(() -> {
            stopping.set(true);
            context.requestStop();
            log.warn("Interrupted: scripts in flight finish or roll back, no further database or script starts.");
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                // the JVM goes on stopping
            }
        }, "dbmig-fleet-interrupt");
        Runtime.getRuntime().addShutdownHook(interrupt);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, databases.size())), r -> {
            Thread thread = new Thread(r, "dbmig-fleet");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < databases.size(); i++) {
                int index = i;
                Database database = databases.get(i);
                futures.add(pool.submit(() -> rows[index] = one(database, work, stopping)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            FleetReport report = new FleetReport(goal, shard, List.of(rows));
            report.lines().forEach(log::info);
            log.info("The table is also in " + report.write(context.outputDirectory(), "fleet-" + goal) + " and .md beside it.");
            return report;
        } finally {
            pool.shutdownNow();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            } catch (IllegalStateException ignored) {
                // the JVM is stopping; the hook has seen the table printed
            }
        }
    }

    private FleetReport.Row one(Database database, Work work, AtomicBoolean stopping) {
        if (stopping.get() || context.stopRequested()) {
            return new FleetReport.Row(database.id(), null, null, 0, 0, null, FleetReport.NOT_RUN,
                    stopping.get() ? "the build was interrupted" : "an earlier database failed (-Ddbmig.failFast)");
        }
        long started = System.nanoTime();
        Log log = new PrefixedLog(context.log(), database.id(), parallel > 1);
        try {
            FleetReport.Row row = work.run(database, context.withLog(log));
            return new FleetReport.Row(database.id(), row.from(), row.to(), row.scripts(), millis(started), row.backup(),
                    FleetReport.OK, null);
        } catch (DbmigException e) {
            if (e instanceof SetupException) {
                setupError.set(true);
            }
            if (failFast) {
                context.requestStop();
            }
            log.warn(firstLine(e.getMessage()));
            return new FleetReport.Row(database.id(), null, null, 0, millis(started), null, FleetReport.FAILED,
                    firstLine(e.getMessage()));
        }
    }

    /**
     * The build's failure for a report with failed databases, naming them (a broken setup when any database's was);
     * null when all went well.
     */
    public DbmigException failure(FleetReport report) {
        if (!report.failed()) {
            return null;
        }
        List<String> failed = report.rows().stream().filter(r -> !r.outcome().equals(FleetReport.OK))
                .map(r -> r.id() + ": " + r.outcome() + (r.error() == null ? "" : " (" + r.error() + ")")).toList();
        String message = report.summary() + "\n  " + String.join("\n  ", failed);
        return setupError.get() ? new SetupException(message) : new MigrationFailedException(message);
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
