package io.github.dbmig.fleet;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.exit.OnJvmExit;
import io.github.dbmig.goal.Outcome;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.log.Log;
import io.github.dbmig.log.PrefixedLog;
import io.github.dbmig.migration.execution.RunFailure;
import io.github.dbmig.script.ScriptId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Runs one goal over many databases, {@code parallel} at a time, each with its own lock, backup and history, and each
 * database's log lines prefixed with its id. A failure on one database does not stop the others, unless fail-fast is
 * asked for; an interrupted build (Ctrl-C, SIGTERM) lets scripts in flight finish or roll back, starts nothing new,
 * and still gives the table.
 */
public final class Fleet {

    /** What the goal does with one database: what it did, or why it failed and where that left the database. */
    @FunctionalInterface
    public interface Work {
        Result run(Database database, RunContext context);
    }

    /**
     * What the goal did on one database.
     *
     * @param from    the newest applied script before it, or null (none, or not read)
     * @param to      after it (after a failure: where the database stands), or null
     * @param scripts scripts applied, undone or rehearsed
     * @param backup  the backup taken (or rehearsed on), or null
     * @param failure why it failed, or null
     */
    public record Result(String from, String to, int scripts, String backup, DbmigException failure) {

        /** From what an upgrade, downgrade or rehearsal did (empty for other goals) and its failure, if any. */
        public static Result of(Outcome outcome) {
            Optional<ScriptId> to = outcome.to();
            int scripts = outcome.done().size();
            if (outcome.failure() instanceof RunFailure stopped) {
                to = stopped.at();
                scripts = stopped.done();
            }
            return new Result(
                    outcome.from().map(ScriptId::toString).orElse(null),
                    to.map(ScriptId::toString).orElse(null),
                    scripts,
                    outcome.backup(),
                    outcome.failure());
        }
    }

    /** A rule on the whole run, checked before any database is worked on. */
    @FunctionalInterface
    public interface Precondition {
        /**
         * @param shard     the run's shard, or null
         * @param databases how many databases the run sees (before its shard is taken), or -1 before they are found
         */
        void check(Shard shard, int databases);

        Precondition NONE = (shard, databases) -> {};
    }

    private final RunContext context;
    private final int parallel;
    private final boolean failFast;
    private final UnaryOperator<String> mask;
    private final AtomicBoolean setupError = new AtomicBoolean();

    /** @param mask masks the secrets in an error before it is written into the report files */
    public Fleet(RunContext context, int parallel, boolean failFast, UnaryOperator<String> mask) {
        this.context = context;
        this.parallel = parallel;
        this.failFast = failFast;
        this.mask = mask;
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
        throw new SetupException(
                "-Ddbmig.parallel=" + value + " is not a number of databases to work on at once (1 or more).");
    }

    /**
     * Runs {@code work} on {@code seen}, or on {@code shard}'s share of them, and logs and writes the table.
     *
     * @param seen every database the run sees, before its shard is taken
     */
    public FleetReport run(String goal, Shard shard, List<Database> seen, Work work) {
        Log log = context.log();
        List<Database> databases = shard == null ? seen : shard.of(seen);
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        try (OnJvmExit.Registration onExit = OnJvmExit.run("dbmig-fleet-interrupt", () -> {
            stopping.set(true);
            context.requestStop();
            log.warn("Interrupted: scripts in flight finish or roll back, no further database or script starts.");
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                // the JVM goes on stopping
            }
        })) {
            return runAll(goal, shard, seen, databases, work, stopping, finished);
        }
    }

    /** {@link #run}, its interrupt registered: the databases on the pool, then the table; then {@code finished}. */
    private FleetReport runAll(
            String goal,
            Shard shard,
            List<Database> seen,
            List<Database> databases,
            Work work,
            AtomicBoolean stopping,
            CountDownLatch finished) {
        Log log = context.log();
        FleetReport.Row[] rows = new FleetReport.Row[databases.size()];
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
            FleetReport report = new FleetReport(
                    goal,
                    shard == null ? null : shard.toString(),
                    FleetReport.Seen.of(seen.stream().map(Database::id).toList()),
                    List.of(rows));
            List<String> lines = report.lines();
            lines.subList(0, lines.size() - 1).forEach(log::info);
            log.info(module().map(m -> m + ": ").orElse("") + report.summary());
            log.info("The table is also in " + report.write(context.outputDirectory(), "fleet-" + goal)
                    + " and .md beside it.");
            return report;
        } finally {
            pool.shutdownNow();
            finished.countDown(); // the interrupt has seen the table printed
        }
    }

    private FleetReport.Row one(Database database, Work work, AtomicBoolean stopping) {
        if (stopping.get() || context.stopRequested()) {
            return new FleetReport.Row(
                    database.id(),
                    null,
                    null,
                    0,
                    0,
                    null,
                    FleetReport.NOT_STARTED,
                    stopping.get() ? "the build was interrupted" : "an earlier database failed (-Ddbmig.failFast)");
        }
        long started = System.nanoTime();
        Log log = new PrefixedLog(context.log(), database.id(), parallel > 1);
        Result result;
        try {
            result = work.run(database, context.withLog(log));
        } catch (DbmigException e) {
            result = Result.of(Outcome.none().failed(e));
        }
        DbmigException failure = result.failure();
        String outcome = FleetReport.OK;
        if (failure != null) {
            boolean interrupted = failure instanceof RunFailure stopped && stopped.interrupted();
            outcome = interrupted ? FleetReport.INTERRUPTED : FleetReport.FAILED;
            if (failure instanceof SetupException) {
                setupError.set(true);
            }
            if (failFast && !interrupted) {
                context.requestStop();
            }
            log.warn(failure.getMessage() == null ? "failed, with no message" : failure.getMessage());
        }
        return new FleetReport.Row(
                database.id(),
                result.from(),
                result.to(),
                result.scripts(),
                millis(started),
                result.backup(),
                outcome,
                failure == null
                        ? null
                        : mask.apply(String.valueOf(failure.getMessage()).strip()));
    }

    /** The project's artifactId, which tells the summaries of modules built at once ({@code mvn -T}) apart. */
    private Optional<String> module() {
        String project =
                context.provenance() == null ? null : context.provenance().project();
        String[] parts = project == null ? new String[0] : project.split(":");
        return parts.length >= 2 ? Optional.of(parts[1]) : Optional.empty();
    }

    /**
     * The build's failure for a report with databases not ok, naming each with its outcome and whole error (a broken
     * setup when any database's was); null when all went well.
     */
    public DbmigException failure(FleetReport report) {
        if (!report.failed()) {
            return null;
        }
        String message = report.summary() + "\n  " + String.join("\n  ", report.notOk());
        return setupError.get() ? new SetupException(message) : new MigrationFailedException(message);
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
