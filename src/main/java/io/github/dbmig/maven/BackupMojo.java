package io.github.dbmig.maven;

import io.github.dbmig.backup.BackupService;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.ScriptId;
import org.apache.maven.plugins.annotations.Mojo;

import java.time.Clock;

/**
 * Backs up each selected database with pg_dump, as configured by {@code <backup>}: file
 * {@code <db>-<yyyyMMdd-HHmmss>-<version>.<ext>} readable by its owner only, a JSON manifest and a
 * {@code sha256sum} file beside it. Checks the database, the directory and the free space first; verifies every backup
 * ({@code pg_restore --list}, or a full gzip read for plain; {@code -Ddbmig.backup.verify=full} restores it into a
 * scratch database and compares row counts); applies {@code <keep>}.
 */
@Mojo(name = "backup", threadSafe = true)
public class BackupMojo extends AbstractDbmigMojo {

    @Override
    protected void run() {
        forEachSelectedDatabase(database -> {
            String version = schemaVersion(database);
            new BackupService(database.backup(), new MavenMigrationLog(getLog()), Clock.systemUTC())
                    .backup(database.spec().id(), database.target(), version);
        });
    }

    /** The newest applied script, for the file name; a backup does not need the scripts, so without them it is 0. */
    private String schemaVersion(SelectedDatabase database) {
        try {
            return database.migrator().status().newestApplied().map(ScriptId::toString).orElse(null);
        } catch (SetupException e) {
            getLog().debug("No schema version for the backup's name: " + e.getMessage());
            return null;
        }
    }
}
