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
import java.util.Optional;
import java.util.function.Consumer;
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

    /**
     * Runs {@code work} on the databases {@code selected} gives (asked for after the options are checked), once
     * {@code precondition} holds for the shard and for how many they are.
     */
    void forEach(RunContext context, Supplier<List<Database>> selected, Fleet.Precondition precondition,
                 AbstractDbmigMojo.DatabaseWork work) {
        Shard share = Shard.parse(shard);
        int atOnce = Fleet.parallelism(parallel);
        precondition.check(share, -1);
        List<Database> seen = selected.get();
        precondition.check(share, seen.size());
        if (seen.size() == 1 && share == null) {
            runOn(seen.get(0), context, work, operations -> { });
            return;
        }
        Fleet fleet = new Fleet(context, atOnce, failFast, secrets::mask);
        FleetReport report = fleet.run(goal, share, seen, (database, own) -> result(database, own, work));
        DbmigException failure = fleet.failure(report);
        if (failure != null) {
            throw failure;
        }
    }

    /** What the work did on one database of a fleet, or why it failed and where that left the database. */
    private Fleet.Result result(Database database, RunContext context, AbstractDbmigMojo.DatabaseWork work) {
        DatabaseOperations[] opened = new DatabaseOperations[1];
        try {
            runOn(database, context, work, operations -> opened[0] = operations);
            return Fleet.Result.of(opened[0].lastOutcome(), null);
        } catch (DbmigException e) {
            return Fleet.Result.of(opened[0] == null ? Optional.empty() : opened[0].lastOutcome(), e);
        }
    }

    private void runOn(Database database, RunContext context, AbstractDbmigMojo.DatabaseWork work,
                       Consumer<DatabaseOperations> opened) {
        try (RunningDatabase running = new ImageDatabases(project, System.getenv(), context.log()).open(database)) {
            Database ready = running.database();
            secrets.add(ready);
            context.log().info("Database " + ready.id() + ": " + ready.url() + " as " + ready.credentials() + ", changelog "
                    + ready.changelogName() + ", scripts " + ready.scripts()
                    + (running.origin() == null ? "" : "; " + running.origin()));
            DatabaseOperations operations = new DatabaseOperations(ready, context);
            opened.accept(operations);
            work.run(operations, ready);
        }
    }
}
