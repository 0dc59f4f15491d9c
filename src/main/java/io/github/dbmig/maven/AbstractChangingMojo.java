package io.github.dbmig.maven;

import io.github.dbmig.backup.BackupResult;
import io.github.dbmig.backup.BackupService;
import io.github.dbmig.engine.BeforeChange;
import io.github.dbmig.engine.DryRun;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The goals that run scripts (upgrade, downgrade): they share the dry run. */
public abstract class AbstractChangingMojo extends AbstractDbmigMojo {

    /**
     * Plan only: write the exact SQL that would run, placeholders filled, to {@code <dryRunDirectory>/<db>-<goal>.sql}
     * and print the plan. Nothing is changed, not even the changelog created.
     */
    @Parameter(property = "dbmig.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** Skip the backup that upgrade and downgrade take before they change a database. */
    @Parameter(property = "dbmig.backup.skip", defaultValue = "false")
    private boolean skipBackup;

    /** Where a dry run writes its SQL. */
    @Parameter(property = "dbmig.dryRunDirectory", defaultValue = "${project.build.directory}/dbmig")
    private File dryRunDirectory;

    /**
     * The backup to take once the goal holds the lock and knows it will change the database; nothing when backups
     * before change are off (by {@code <beforeChange>}, by default for {@code <image>} databases, or by
     * {@code -Ddbmig.backup.skip}). A failed backup throws, and no script runs.
     */
    protected final BeforeChange backupBeforeChange(SelectedDatabase database) {
        if (skipBackup || !database.backup().beforeChange()) {
            return BeforeChange.NOTHING;
        }
        return schemaVersion -> {
            getLog().info("Database " + database.spec().id() + " is about to change: backing it up first.");
            BackupResult result = new BackupService(database.backup(), new MavenMigrationLog(getLog()), Clock.systemUTC())
                    .backup(database.spec().id(), database.target(), schemaVersion);
            return result.path().toString();
        };
    }

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
