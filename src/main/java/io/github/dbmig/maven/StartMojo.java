package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import static io.github.dbmig.config.Values.scriptId;

/**
 * Makes each selected database ready for the project's integration tests and publishes how to reach it: an
 * {@code <image>} database gets a container and all scripts (or up to {@code dbmig.target}); a {@code <url>} one is
 * upgraded as {@code upgrade} does it. Then {@code <testData>} is loaded. Published for each database id: the project
 * properties {@code dbmig.<id>.url} (no credentials in it), {@code .username}, {@code .password}, {@code .host},
 * {@code .port}, {@code .database}, and the file {@code target/dbmig/<id>.properties}. A {@code <url>} database's
 * password is published only with {@code <publishPassword>true</publishPassword>}. Bound to
 * {@code pre-integration-test} by default; {@code dbmig:stop} removes the container.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractDbmigMojo {

    /** Stop after the script with this id instead of applying all scripts. */
    @Parameter(property = "dbmig.target")
    private String target;

    /**
     * Keep {@code <image>} containers after the build; the next build with the same image and unchanged scripts
     * gets a fresh copy of a template migrated before, without migrating again. Wins over a database's {@code <reuse>}.
     */
    @Parameter(property = "dbmig.reuse")
    private String reuse;

    @Override
    protected Boolean reuseOverride() {
        return commandLine().flag(reuse, "dbmig.reuse", "reuse");
    }

    @Override
    protected void run() {
        dbmig().start(selectedDatabases(), scriptId(target, "dbmig.target"))
                .forEach(project().getProperties()::setProperty);
    }
}
