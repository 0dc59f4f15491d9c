package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Backs up each selected database with pg_dump, as configured by {@code <backup>}: file
 * {@code <db>-<yyyyMMdd-HHmmss-SSS>-<random>-<version>.<ext>} readable by its owner only, a JSON manifest and a
 * {@code sha256sum} file beside it. Checks the database, the directory and the free space first; verifies every backup
 * ({@code pg_restore --list}, or a full gzip read for plain; {@code -Ddbmig.backup.verify=full} restores it into a
 * scratch database and compares row counts); applies {@code <keep>}.
 * <p>
 * Bound to {@code pre-integration-test} by default, where a deployment profile runs it before an {@code upgrade}
 * declared after it in the pom: that keeps a backup of every release, even one with nothing pending (upgrade backs up
 * on its own only when it changes something).
 */
@Mojo(name = "backup", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class BackupMojo extends AbstractDbmigMojo {

    @Override
    protected void run() {
        dbmig().backup(selection());
    }
}
