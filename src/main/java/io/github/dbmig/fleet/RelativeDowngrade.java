package io.github.dbmig.fleet;

import io.github.dbmig.errors.SetupException;

/**
 * The rule for {@code downgrade -Ddbmig.steps=N}: it undoes the newest N scripts of whatever each database is at, so
 * it is only for one database. On a fleet or a shard, a CI job run again, or a fleet that shifted between jobs, would
 * undo twice; a target or a tag says where to end, and undoes nothing more when run again.
 */
public final class RelativeDowngrade {

    private RelativeDowngrade() {}

    /** Refuses {@code steps} on a shard or on more than one database, before any database is worked on. */
    public static Fleet.Precondition oneDatabaseOnly(Integer steps) {
        return (shard, databases) -> {
            if (steps == null) {
                return;
            }
            String on = shard != null
                    ? "a shard (-Ddbmig.shard=" + shard + ")"
                    : databases > 1 ? databases + " databases" : null;
            if (on != null) {
                throw new SetupException("-Ddbmig.steps=" + steps + " is refused on " + on + ": it undoes the newest "
                        + steps
                        + " script(s) of whatever each database is at, so a CI retry or a fleet that shifted between"
                        + " jobs would undo twice. Name where the databases are to end instead, with -Ddbmig.target=ID"
                        + " or"
                        + " -Ddbmig.tag=NAME, which undo nothing more when run again. Nothing was run.");
            }
        };
    }
}
