package io.github.dbmig.maven.build;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Secrets;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The core's errors as Maven's: an expected failure (a failing script, pending scripts, drift) is a
 * {@link MojoFailureException}, a broken setup a {@link MojoExecutionException}. The message is complete and leaves
 * masked; Maven would repeat the cause's text after it, so the exception goes to {@code -X} only, masked as well.
 */
public final class MojoFailures {

    private final MavenLog log;
    private final Secrets secrets;

    public MojoFailures(MavenLog log, Secrets secrets) {
        this.log = log;
        this.secrets = secrets;
    }

    public MojoFailureException failure(MigrationFailedException e) {
        log.debug(e);
        return new MojoFailureException(secrets.mask(e.getMessage()));
    }

    public MojoExecutionException error(SetupException e) {
        log.debug(e);
        return new MojoExecutionException(secrets.mask(e.getMessage()));
    }
}
