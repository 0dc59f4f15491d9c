package io.github.dbmig.maven;

import io.github.dbmig.config.Database;
import io.github.dbmig.container.ImageDatabases;
import io.github.dbmig.container.RunningDatabase;
import io.github.dbmig.core.DatabaseOperations;
import io.github.dbmig.core.Fleet;
import io.github.dbmig.core.FleetReport;
import io.github.dbmig.core.RunContext;
import io.github.dbmig.core.Shard;
import io.github.dbmig.errors.DbmigException;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a goal works on its selected databases: one alone as it is; several (or a shard of them) as a {@link Fleet},
 * {@code dbmig.parallel} at a time, with a table at the end and the build failing if any database failed. Each
 * database is opened for the goal (an {@code <image>} one in its container) and its password remembered.
 *
 * @param parallel {@code -Ddbmig.parallel}, as written
 * @param failFast {@code -Ddbmig.failFast}
 * @param shard    {@code -Ddbmig.shard}, as written, or null
 * @param goal     the goal's name, for the table
 * @param project  the project's directory: containers belong to a project
 * @param secrets  where each database's password is remembered
 */
record FleetRun(String parallel, boolean failFast, String shard, String goal, Path project, Secrets secrets) {

    /** Runs {@code work} on the databases {@code selected} gives (asked for after the options are checked). */
    void forEach(RunContext context, Supplier<List<Database>> selected, AbstractDbmigMojo.DatabaseWork work) {
        Shard share = Shard.parse(shard);
        int atOnce = Fleet.parallelism(parallel);
        List<Database> targets = selected.get();
        if (share != null) {
            targets = share.of(targets);
        }
        if (targets.size() == 1 && share == null) {
            runOn(targets.get(0), context, work);
            return;
        }
        Fleet fleet = new Fleet(context, atOnce, failFast);
        FleetReport report = fleet.run(goal, share == null ? null : share.toString(), targets,
                (database, own) -> row(database, runOn(database, own, work)));
        DbmigException failure = fleet.failure(report);
        if (failure != null) {
            throw failure;
        }
    }

    private static FleetReport.Row row(Database database, DatabaseOperations operations) {
        return operations.lastOutcome().map(o -> new FleetReport.Row(database.id(),
                        o.from().map(Object::toString).orElse(null), o.to().map(Object::toString).orElse(null),
                        o.done().size(), 0, o.backup(), FleetReport.OK, null))
                .orElse(new FleetReport.Row(database.id(), null, null, 0, 0, null, FleetReport.OK, null));
    }

    private DatabaseOperations runOn(Database database, RunContext context, AbstractDbmigMojo.DatabaseWork work) {
        try (RunningDatabase running = new ImageDatabases(project, System.getenv(), context.log()).open(database)) {
            Database ready = running.database();
            secrets.add(ready);
            context.log().info("Database " + ready.id() + ": " + ready.url() + " as " + ready.credentials() + ", changelog "
                    + ready.changelogName() + ", scripts " + ready.scripts()
                    + (running.origin() == null ? "" : "; " + running.origin()));
            DatabaseOperations operations = new DatabaseOperations(ready, context);
            work.run(operations, ready);
            return operations;
        }
    }
}
