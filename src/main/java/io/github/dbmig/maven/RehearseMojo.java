package io.github.dbmig.maven;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.RehearsalRequest;
import io.github.dbmig.config.Values;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.Map;

/**
 * The runbook's dress rehearsal, before a release touches production: takes a fresh verified backup of each selected
 * database (or uses {@code -Ddbmig.backup}), restores it into a scratch database, and there applies the pending
 * scripts, runs the checks of verify, undoes them and applies them again, timing each script and recording the locks it
 * takes and the rows of its tables. The report goes to the log and to {@code target/dbmig/rehearsal-<db>.md} and
 * {@code .json}. The database itself is only read; the scratch database is dropped afterwards. Fails when a script
 * fails, verify finds a problem, an undo does not bring the schema back, or a second upgrade gives another schema.
 */
@Mojo(name = "rehearse", threadSafe = true)
public class RehearseMojo extends AbstractDbmigMojo {

    /**
     * The backup to rehearse on: a file dbmig wrote, or {@code latest} (the newest verified one taken at the database's
     * current state); either must hold the database as it is now (the changelog in its manifest is compared first). By
     * default a fresh one is taken.
     */
    @Parameter(property = "dbmig.backup")
    private String backupFile;

    /**
     * The id of another declared database whose server takes the scratch copy (an {@code <image>} one of the same
     * PostgreSQL major version, say); by default the database's own server, or {@code <rehearse><server>} of the
     * database or of the plugin. Wins over both.
     */
    @Parameter(property = "dbmig.rehearse.server")
    private String server;

    /**
     * Rehearsal settings kept in the pom: {@code <rehearse><server>scratch</server></rehearse>} names the declared
     * database whose server takes the scratch copy of every database that has no {@code <rehearse>} of its own, as
     * {@code -Ddbmig.rehearse.server} does (which wins when both are set).
     */
    @Parameter
    private RehearseParameters rehearse;

    /** Keep the scratch database for inspection (its name is logged). */
    @Parameter(property = "dbmig.rehearse.keep", defaultValue = "false")
    private String keep;

    /** {@code never} reports problems without failing the build; by default ({@code always}) they fail it. */
    @Parameter(property = "dbmig.rehearse.failOn", defaultValue = "always")
    private String failOn;

    /** With nothing pending, rehearse the round trip (undo, then apply again) of this many of the newest scripts. */
    @Parameter(property = "dbmig.rehearse.last")
    private Integer last;

    @Override
    protected void run() {
        String fail = Values.oneOf(failOn, "always", "never", "dbmig.rehearse.failOn");
        if (last != null && last < 1) {
            throw new SetupException("-Ddbmig.rehearse.last must be 1 or more, not " + last + ".");
        }
        boolean keepCopy = commandLine().isTrue(keep, "dbmig.rehearse.keep", "keep");
        String backup = backupFile == null ? "" : backupFile.strip();
        Map<String, Database> hosts =
                RehearseParameters.scratchHosts(server, rehearse, declaredParameters(), declaredDatabases());
        dbmig().rehearse(
                        selection(),
                        new RehearsalRequest(
                                backup.isEmpty() || backup.equals("latest") ? null : Path.of(backup),
                                backup.equals("latest"),
                                null,
                                keepCopy,
                                last,
                                fail.equals("always")),
                        hosts);
    }
}
