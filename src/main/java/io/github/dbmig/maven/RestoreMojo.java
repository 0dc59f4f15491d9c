package io.github.dbmig.maven;

import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.errors.SetupException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;

import static io.github.dbmig.config.Values.blankToNull;

/**
 * Restores a backup taken by dbmig into a new database on the selected database's server: checks the backup's
 * checksum first, creates the database (owned by the original owner unless {@code dbmig.owner} says otherwise),
 * restores with pg_restore or {@code psql -1}, under a temporary name that is renamed on success and dropped on
 * failure. Replaces an existing database only with {@code -Ddbmig.replace=true} (waiting, like any goal that writes,
 * for a dbmig run in progress there), and a {@code <protected>} one only with {@code -Ddbmig.confirm=<id>} as well.
 */
@Mojo(name = "restore", threadSafe = true)
public class RestoreMojo extends AbstractDbmigMojo {

    /** The backup to restore: a file (or directory) dbmig wrote, or {@code latest} for the newest verified one. */
    @Parameter(property = "dbmig.backup", defaultValue = "latest")
    private String backupFile;

    /** The database to create. Default: {@code <database name>_restored_<yyyyMMdd_HHmmss>}. */
    @Parameter(property = "dbmig.restoreTo")
    private String restoreTo;

    /** The new database's owner. Default: the original database's owner, from the backup's manifest. */
    @Parameter(property = "dbmig.owner")
    private String owner;

    /** Allow replacing an existing database of the same name. */
    @Parameter(property = "dbmig.replace", defaultValue = "false")
    private String replace;

    /** The id of a {@code <protected>} database, typed again to allow replacing it. */
    @Parameter(property = "dbmig.confirm")
    private String confirm;

    @Override
    protected void run() {
        if (selectedDatabases().size() != 1) {
            throw new SetupException("dbmig:restore works on one database at a time; choose it with -Ddb=ID.");
        }
        Path backup = blankToNull(backupFile) == null || backupFile.strip().equals("latest")
                ? null
                : Path.of(backupFile.strip());
        RestoreRequest request = new RestoreRequest(
                backup,
                blankToNull(restoreTo),
                blankToNull(owner),
                commandLine().isTrue(replace, "dbmig.replace", "replace"),
                blankToNull(confirm));
        dbmig().restore(selection(), request, declaredDatabases());
    }
}
