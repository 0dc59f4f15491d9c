package io.github.dbmig.script;

import java.nio.file.Path;

/**
 * A migration script found on disk, known by its name only; {@link ScriptParser} reads its content when needed.
 *
 * @param id          the number before the first {@code _}
 * @param description the rest of the name, underscores read as spaces (as MyBatis Migrations does)
 * @param path        the file
 */
public record ScriptFile(ScriptId id, String description, Path path) {

    public String fileName() {
        return path.getFileName().toString();
    }
}
