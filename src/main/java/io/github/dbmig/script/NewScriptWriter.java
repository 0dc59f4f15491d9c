package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a new, empty script {@code <yyyyMMddHHmmss>_<description>.sql} with an {@code -- //@UNDO} section, as
 * MyBatis' {@code migrate new} does (UTC timestamp). The id is always above every existing one, so the new
 * script sorts last even when the clock lags or the team numbers scripts by hand.
 */
public final class NewScriptWriter {

    private static final DateTimeFormatter ID_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public NewScriptWriter(Clock clock) {
        this.clock = clock;
    }

    public Path write(Path dir, String description) {
        String slug = slug(description);
        ScriptSet existing =
                Files.isDirectory(dir) ? ScriptDirectory.scan(dir, new ArrayList<>()) : new ScriptSet(dir, List.of());
        ScriptId id = ScriptId.parseOrNull(ID_FORMAT.format(clock.instant()));
        if (existing.newestId().isPresent() && existing.newestId().get().compareTo(id) >= 0) {
            id = existing.newestId().get().next();
        }
        Path file = dir.resolve(id + "_" + slug + ".sql");
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    file, template(description.strip()), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new SetupException("Script " + file + " already exists; nothing was written.");
        } catch (IOException e) {
            throw new SetupException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static String slug(String description) {
        String text = description == null ? "" : description.strip();
        if (text.isEmpty()) {
            throw new SetupException("A description is required: -Ddbmig.description=\"add users\".");
        }
        String slug = text.replaceAll("\\s+", "_");
        if (!slug.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
            throw new SetupException("The description \"" + text + "\" can only hold letters, digits, spaces, '_', '-'"
                    + " and '.', since it becomes part of the file name.");
        }
        return slug;
    }

    private static String template(String description) {
        return "-- // " + description + "\n"
                + "-- Migration SQL that makes the change goes here.\n"
                + "\n\n"
                + "-- //@UNDO\n"
                + "-- SQL to undo the change goes here.\n"
                + "\n";
    }
}
