package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that each selected database is what its scripts say, and fails listing every problem: pending scripts,
 * applied scripts whose file is missing or changed, schema drift since dbmig's last change (a hand-made hotfix, say),
 * and failing verify scripts ({@code <scripts>/verify/<id>_<description>.sql}: an error, or a row whose first column
 * is false, fails). It changes nothing in the database and takes no lock; like every goal that connects, it drops the
 * temporary databases that killed dbmig runs left on that server, saying so in the log. Bound to the {@code verify}
 * phase by default.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractDbmigMojo {

    /**
     * Also require the database to be exactly at a version, everything up to it applied and nothing above: a script
     * id, {@code head} (every script), or {@code tag:<name>} (the script a release tag names, see {@code dbmig:tag}).
     */
    @Parameter(property = "dbmig.expect")
    private String expect;

    @Override
    protected void run() {
        dbmig().verify(selection(), expect);
    }
}
