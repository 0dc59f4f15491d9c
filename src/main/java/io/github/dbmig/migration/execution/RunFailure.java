package io.github.dbmig.migration.execution;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.script.ScriptId;

import java.util.Optional;

/**
 * A run of scripts that stopped part-way, and where it left the database: the newest script its changelog says is
 * applied, and how many scripts the run applied or undid before it stopped. The message says the same in words.
 */
public final class RunFailure extends MigrationFailedException {

    private final transient Optional<ScriptId> at;
    private final int done;
    private final boolean interrupted;

    /**
     * @param at          the newest applied script now, or empty for none
     * @param done        the scripts applied (or undone) by this run before it stopped, which stay
     * @param interrupted whether it stopped because it was asked to (the build interrupted, or fail-fast), not by a
     *                    failure
     */
    RunFailure(String message, Throwable cause, Optional<ScriptId> at, int done, boolean interrupted) {
        super(message, cause);
        this.at = at;
        this.done = done;
        this.interrupted = interrupted;
    }

    public Optional<ScriptId> at() {
        return at;
    }

    public int done() {
        return done;
    }

    public boolean interrupted() {
        return interrupted;
    }
}
