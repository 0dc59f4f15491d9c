package io.github.dbmig.engine;

/**
 * What a goal does once it holds the lock and knows it will change the database, before the first script runs:
 * a backup, say. Throwing stops the goal with nothing applied.
 */
@FunctionalInterface
public interface BeforeChange {

    BeforeChange NOTHING = schemaVersion -> null;

    /**
     * @param schemaVersion the newest applied script id, or null when none is
     * @return what was done, recorded in the history rows of this run (the backup file), or null
     */
    String run(String schemaVersion);
}
