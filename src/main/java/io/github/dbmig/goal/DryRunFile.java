package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.migration.plan.DryRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a dry run's SQL to {@code <output>/<db>-<goal>.sql} and says what would run. */
final class DryRunFile {

    private DryRunFile() {}

    static Path write(RunContext context, Database database, DryRun plan) {
        Path file = context.outputDirectory().resolve(database.fileName() + "-" + plan.goal() + ".sql");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, plan.sql(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SetupException("Cannot write the dry run to " + file + ": " + e.getMessage(), e);
        }
        context.log().info("Dry run: " + plan.summary());
        context.log().info("Dry run: the SQL is in " + file + "; nothing was changed.");
        return file;
    }
}
