package io.github.dbmig.maven;

import io.github.dbmig.config.UpgradeRequest;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import static io.github.dbmig.config.Values.scriptId;

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

    /**
     * Tag the release: record this tag (say {@code ${project.version}}) on the script the upgrade ends at, in the same
     * locked run, with who, when, which build and git commit (as {@code dbmig:tag} does). It is checked with every
     * other check, before the backup and the first script: a tag that already names another script fails the goal, and
     * nothing is changed. With nothing pending, the newest applied script is tagged.
     */
    @Parameter(property = "dbmig.releaseTag")
    private String releaseTag;

    @Override
    protected void run() {
        boolean anyOrder = commandLine().isTrue(outOfOrder, "dbmig.outOfOrder", "outOfOrder");
        UpgradeRequest request = UpgradeRequest.to(scriptId(target, "dbmig.target"))
                .toTag(tag)
                .releaseTag(releaseTag)
                .outOfOrder(anyOrder)
                .dryRun(dryRun());
        dbmig().upgrade(selection(), request);
    }
}
