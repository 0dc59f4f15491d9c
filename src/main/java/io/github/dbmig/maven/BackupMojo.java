package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * Backs up each selected database with pg_dump, as configured by {@code <backup>}: file
 * {@code <db>-<yyyyMMdd-HHmmss-SSS>-<random>-<version>.<ext>} readable by its owner only, a JSON manifest and a
 * {@code sha256sum} file beside it. Checks the database, the directory and the free space first; verifies every backup
 * ({@code pg_restore --list}, or a full gzip read for plain; {@code -Ddbmig.backup.verify=full} restores it into a
 * scratch database and compares row counts); applies {@code <keep>}.
 */
@Mojo(name = "backup", threadSafe = true)
public class BackupMojo extends AbstractDbmigMojo {

    @Override
    protected void run() {
        forEachSelectedDatabase((operations, database) -> operations.backup());
    }
}
