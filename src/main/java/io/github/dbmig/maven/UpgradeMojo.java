package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Applies pending scripts, each in one transaction together with its changelog row, under an advisory lock so
 * that simultaneous runs apply each script once. Bound to {@code pre-integration-test} by default, so a project's
 * integration tests run against a migrated database.
 */
@Mojo(name = "upgrade", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class UpgradeMojo extends AbstractChangingMojo {

    /** Stop after the script with this id instead of applying all pending scripts. */
    @Parameter(property = "dbmig.target")
    private String target;

    /**
     * Apply never-applied scripts older than the newest applied one. Without it, upgrade refuses and lists them:
     * such a script usually comes from a branch merged late, and running it out of order may not be what you want.
     */
    @Parameter(property = "dbmig.outOfOrder", defaultValue = "false")
    private String outOfOrder;

    /** Stop after the script that this release tag names on the database (see {@code dbmig:tag}); not with a target. */
    @Parameter(property = "dbmig.tag")
    private String tag;

    @Override
    protected void run() {
        boolean anyOrder = commandLine().isTrue(outOfOrder, "dbmig.outOfOrder", "outOfOrder");
        boolean planOnly = dryRun();
        forEachSelectedDatabase((operations, database) ->
                operations.upgrade(parseId(target, "dbmig.target"), tag, anyOrder, planOnly));
    }
}
