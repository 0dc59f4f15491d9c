package io.github.dbmig.maven;

import io.github.dbmig.engine.DryRun;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The goals that run scripts (upgrade, downgrade): they share the dry run. */
public abstract class AbstractChangingMojo extends AbstractDbmigMojo {

    /**
     * Plan only: write the exact SQL that would run, placeholders filled, to {@code <dryRunDirectory>/<db>-<goal>.sql}
     * and print the plan. Nothing is changed, not even the changelog created.
     */
    @Parameter(property = "dbmig.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** Where a dry run writes its SQL. */
    @Parameter(property = "dbmig.dryRunDirectory", defaultValue = "${project.build.directory}/dbmig")
    private File dryRunDirectory;

    /** Writes the plan's SQL and logs where; returns the file. */
    protected final Path report(DryRun plan) {
        Path file = dryRunDirectory.toPath().resolve(plan.databaseId() + "-" + plan.goal() + ".sql");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, plan.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SetupException("Cannot write the dry run to " + file + ": " + e.getMessage(), e);
        }
        getLog().info("Dry run: " + plan.summary());
        getLog().info("Dry run: the SQL is in " + file + "; nothing was changed.");
        return file;
    }
}
