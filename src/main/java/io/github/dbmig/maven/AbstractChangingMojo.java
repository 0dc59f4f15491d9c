package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/** The goals that run scripts (upgrade, downgrade): they share the dry run and the backup before change. */
public abstract class AbstractChangingMojo extends AbstractDbmigMojo {

    /**
     * Plan only: write the exact SQL that would run, placeholders filled, to {@code <dryRunDirectory>/<db>-<goal>.sql}
     * and print the plan. Nothing is changed, not even the changelog created.
     */
    @Parameter(property = "dbmig.dryRun", defaultValue = "false")
    private String dryRun;

    /** Skip the backup that upgrade and downgrade take before they change a database. */
    @Parameter(property = "dbmig.backup.skip", defaultValue = "false")
    private String skipBackup;

    /**
     * Where a dry run writes its SQL, and a run over several databases its fleet table ({@code fleet-<goal>.md},
     * .json).
     */
    @Parameter(property = "dbmig.dryRunDirectory", defaultValue = "${project.build.directory}/dbmig")
    private File dryRunDirectory;

    /** {@code -Ddbmig.dryRun}: plan only. */
    protected final boolean dryRun() {
        return commandLine().isTrue(dryRun, "dbmig.dryRun", "dryRun");
    }

    @Override
    protected boolean skipBackup() {
        return commandLine().isTrue(skipBackup, "dbmig.backup.skip", "skipBackup");
    }

    @Override
    protected Path outputDirectory() {
        return dryRunDirectory.toPath();
    }
}
