package io.github.dbmig.fleet;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.FleetOptions;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.goal.Outcome;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.log.Secrets;
import io.github.dbmig.testdb.ImageDatabases;
import io.github.dbmig.testdb.RunningDatabase;

import java.util.List;
import java.util.function.Supplier;

import static io.github.dbmig.errors.Messages.about;

/**
 * How a goal works on its selected databases: one alone as it is; several (or a shard of them) as a {@link Fleet},
 * {@code parallel} at a time, with a table at the end and the build failing if any database failed. Each database is
 * opened for the goal (an {@code <image>} one in its container) and its password remembered.
 *
 * @param options  how the run goes over several databases
 * @param goal     the goal's name, for the table
 * @param images   where an {@code <image>} database is found or started
 * @param secrets  where each database's password is remembered
 */
public record FleetRun(FleetOptions options, String goal, ImageDatabases images, Secrets secrets) {

    /**
     * What a goal does with one database, and what that did (for a goal that runs no script, {@link Outcome#none()}).
     */
    @FunctionalInterface
    public interface DatabaseWork {
        Outcome run(DatabaseOperations operations, Database database);
    }

    /**
     * Runs {@code work} on the databases {@code selected} gives (asked for after the options are checked), once
     * {@code precondition} holds for the shard and for how many they are.
     */
    public void forEach(
            RunContext context, Supplier<List<Database>> selected, Fleet.Precondition precondition, DatabaseWork work) {
        Shard share = Shard.parse(options.shard());
        int atOnce = Fleet.parallelism(options.parallel());
        precondition.check(share, -1);
        List<Database> seen = selected.get();
        precondition.check(share, seen.size());
        if (seen.size() == 1 && share == null) {
            runOn(seen.get(0), context, work).orThrow();
            return;
        }
        Fleet fleet = new Fleet(context, atOnce, options.failFast(), secrets::mask);
        FleetReport report = fleet.run(goal, share, seen, (database, own) -> result(database, own, work));
        DbmigException failure = fleet.failure(report);
        if (failure != null) {
            throw failure;
        }
    }

    /** What the work did on one database of a fleet, or why it failed and where that left the database. */
    private Fleet.Result result(Database database, RunContext context, DatabaseWork work) {
        try {
            return Fleet.Result.of(runOn(database, context, work));
        } catch (DbmigException e) {
            return Fleet.Result.of(Outcome.none().failed(e));
        }
    }

    private Outcome runOn(Database database, RunContext context, DatabaseWork work) {
        try (RunningDatabase running = images.withLog(context.log()).open(database)) {
            Database ready = running.database();
            secrets.add(ready.password());
            context.log()
                    .info(about(ready.id()) + ready.url() + " as " + ready.credentials() + ", changelog "
                            + ready.changelogName() + ", scripts " + ready.scripts()
                            + (running.origin() == null ? "" : "; " + running.origin()));
            return work.run(new DatabaseOperations(ready, context), ready);
        }
    }
}
