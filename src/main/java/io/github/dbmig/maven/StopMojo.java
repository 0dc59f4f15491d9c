package io.github.dbmig.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes what {@code dbmig:start} started in this build: each selected database's container, unless it is kept for
 * reuse. Without a start there is nothing to do. Bound to {@code post-integration-test} by default; a build that fails
 * or is interrupted before it removes its containers all the same.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractDbmigMojo {

    /** {@code false} removes a container kept for reuse, like {@code dbmig.purge}. */
    @Parameter(property = "dbmig.reuse")
    private String reuse;

    /** Remove a container kept for reuse too. */
    @Parameter(property = "dbmig.purge", defaultValue = "false")
    private String purge;

    @Override
    protected void run() {
        boolean remove = commandLine().isTrue(purge, "dbmig.purge", "purge")
                || Boolean.FALSE.equals(commandLine().flag(reuse, "dbmig.reuse", "reuse"));
        dbmig().stop(selectedDatabases(), remove);
    }
}
