package io.github.dbmig.script;

import java.util.Optional;

/**
 * A script read from disk: the part above {@code -- //@UNDO} and, when the marker is there, the part below it,
 * and the {@link ScriptChecksum} of the up part as written.
 */
public record ParsedScript(ScriptFile file, SqlPart up, Optional<SqlPart> undo, String checksum, ScriptDirectives directives) {

    /** Whether the script can be undone: it has an undo part with at least one statement. */
    /**
     * Whether the up part must run outside a transaction: by its {@code -- dbmig:transaction=none} header, or
     * because a statement cannot run inside one.
     */
    public boolean upIsNonTransactional() {
        return directives.transactionNone() || up.statements().stream().anyMatch(NonTransactional::statement);
    }

    /** Whether the undo part must run outside a transaction (a {@code DROP INDEX CONCURRENTLY}, say). */
    public boolean undoIsNonTransactional() {
        return undo.isPresent() && undo.get().statements().stream().anyMatch(NonTransactional::statement);
    }

    public boolean hasUndo() {
        return undo.isPresent() && !undo.get().isEmpty();
    }
}
