package io.github.dbmig.goal;

import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.script.ScriptId;

import java.util.List;
import java.util.Optional;

/**
 * What an upgrade, downgrade or rehearsal did to one database, as Flyway's {@code MigrateResult} says what a migrate
 * did: where it started and ended, the scripts it ran and the backup it took; when it failed, why, and where that left
 * the database.
 *
 * @param from    the newest applied script before it, or empty
 * @param to      after it, or empty
 * @param done    the scripts applied, undone or rehearsed
 * @param backup  the backup taken (or rehearsed on) before it, or null
 * @param failure why it failed, or null when it went through
 */
public record Outcome(
        Optional<ScriptId> from, Optional<ScriptId> to, List<ScriptId> done, String backup, DbmigException failure) {

    public Outcome {
        done = List.copyOf(done);
    }

    /** A goal that changes no script's state (status, verify, stamp, tag, backup, restore). */
    public static Outcome none() {
        return new Outcome(Optional.empty(), Optional.empty(), List.of(), null, null);
    }

    /** Nothing run yet: the database stands at {@code at}. */
    static Outcome at(Optional<ScriptId> at, String backup) {
        return new Outcome(at, at, List.of(), backup, null);
    }

    /** The same, failed with {@code why}. */
    public Outcome failed(DbmigException why) {
        return new Outcome(from, to, done, backup, why);
    }

    /** This outcome, or its failure thrown. */
    public Outcome orThrow() {
        if (failure != null) {
            throw failure;
        }
        return this;
    }
}
