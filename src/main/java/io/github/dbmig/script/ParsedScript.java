package io.github.dbmig.script;

import java.util.Optional;

/**
 * A script read from disk: the part above {@code -- //@UNDO} and, when the marker is there, the part below it,
 * and the {@link ScriptChecksum} of the up part as written.
 */
public record ParsedScript(ScriptFile file, SqlPart up, Optional<SqlPart> undo, String checksum) {

    /** Whether the script can be undone: it has an undo part with at least one statement. */
    public boolean hasUndo() {
        return undo.isPresent() && !undo.get().isEmpty();
    }
}
