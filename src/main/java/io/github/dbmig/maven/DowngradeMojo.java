package io.github.dbmig.maven;

import io.github.dbmig.config.DowngradeRequest;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import static io.github.dbmig.config.Values.scriptId;

/**
 * Runs the undo parts (below {@code -- //@UNDO}) of applied scripts, newest first, each in one transaction with
 * the removal of its changelog row. It refuses before running anything when a script in the range has no undo part.
 * Exactly one of {@code dbmig.target}, {@code dbmig.steps} and {@code dbmig.tag} is required. Bound to
 * {@code post-integration-test} by default: after a project's integration tests, going down proves the undo parts.
 */
@Mojo(name = "downgrade", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class DowngradeMojo extends AbstractChangingMojo {

    /** Undo applied scripts until the script with this id is the newest applied; {@code 0} undoes everything. */
    @Parameter(property = "dbmig.target")
    private String target;

    /**
     * Undo this many of the newest applied scripts. One database only: on several (or a shard) it is refused before
     * anything runs, since a run repeated would undo twice; {@code dbmig.target} and {@code dbmig.tag} say where to
     * end.
     */
    @Parameter(property = "dbmig.steps")
    private Integer steps;

    /** Undo applied scripts until the script this release tag names (see {@code dbmig:tag}) is the newest applied. */
    @Parameter(property = "dbmig.tag")
    private String tag;

    @Override
    protected void run() {
        dbmig().downgrade(selection(), new DowngradeRequest(scriptId(target, "dbmig.target"), steps, tag, dryRun()));
    }
}
