package io.github.dbmig.testdb;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a test database's {@link Published} connection details are written for the project's tests:
 * {@code <output>/<id>.properties}, readable by its owner only (it may hold the password).
 */
final class PublishedFiles {

    private final Path outputDirectory;
    private final Log log;

    PublishedFiles(Path outputDirectory, Log log) {
        this.outputDirectory = outputDirectory;
        this.log = log;
    }

    /** {@code <output>/<id>.properties}. */
    Path file(Database declared) {
        return outputDirectory.resolve(declared.fileName() + ".properties");
    }

    /** Sets out how to reach {@code ready}, the database made ready for {@code declared}, and logs it. */
    Published publish(Database declared, Database ready, boolean withPassword, String origin) {
        Published published = new Published(
                declared.id(),
                ready.url().connectUrl(),
                ready.credentials().username(),
                withPassword ? ready.credentials().password() : null,
                ready.url().host(),
                ready.url().port(),
                ready.url().database(),
                origin);
        Path file = file(declared);
        StringBuilder text =
                new StringBuilder("# How to reach database " + declared.id() + ", made ready by dbmig:start\n");
        published
                .properties()
                .forEach((key, value) ->
                        text.append(key).append('=').append(escape(value)).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new SetupException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        log.info("Database " + declared.id() + " is ready at " + published + " (" + origin
                + "); published as the properties dbmig." + declared.id() + ".url, .username, "
                + (withPassword ? ".password, " : "") + ".host, .port, .database and in " + file + ".");
        return published;
    }

    /** Deletes the file, if there is one: only a tidy-up, so a failure is not one of the build's. */
    void delete(Database declared) {
        try {
            Files.deleteIfExists(file(declared));
        } catch (IOException ignored) {
            // only a tidy-up
        }
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
