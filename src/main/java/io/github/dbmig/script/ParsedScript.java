package io.github.dbmig.script;

import java.util.List;
import java.util.Optional;

/**
 * A script read from disk: the part above {@code -- //@UNDO} and, when the marker is there, the part below it,
 * and the {@link ScriptChecksum} of the up part as written.
 */
public record ParsedScript(
        ScriptFile file, SqlPart up, Optional<SqlPart> undo, String checksum, ScriptDirectives directives) {

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

    /** Whether the script can be undone: it has an undo part with a statement, or declares it has nothing to undo. */
    public boolean hasUndo() {
        return directives.undoNone() || undo.isPresent() && !undo.get().isEmpty();
    }

    /** The statements that undo it: none for a script with {@code -- dbmig:undo=none}. */
    public SqlPart undoPart() {
        return undo.orElseGet(() -> new SqlPart(1, List.of()));
    }
}
