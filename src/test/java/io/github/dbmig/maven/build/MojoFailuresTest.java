package io.github.dbmig.maven.build;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Secrets;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A core error leaves as Maven's, its message masked and without its cause; the cause goes to -X as masked text only.
 */
class MojoFailuresTest {

    private final RecordingMavenLog maven = new RecordingMavenLog(true);
    private final Secrets secrets = new Secrets();
    private final MojoFailures failures = new MojoFailures(new MavenLog(maven, secrets), secrets);

    @Test
    void anExpectedFailureIsAMojoFailure() {
        secrets.add("pom-s3cret");
        MigrationFailedException e = new MigrationFailedException(
                "Script 1 failed for pom-s3cret", new SQLException("ERROR: role pom-s3cret"));
        e.setStackTrace(new StackTraceElement[0]);
        e.getCause().setStackTrace(new StackTraceElement[0]);

        MojoFailureException failure = failures.failure(e);

        assertEquals("Script 1 failed for ***", failure.getMessage());
        assertNull(failure.getCause());
        assertEquals(
                List.of("DEBUG io.github.dbmig.errors.MigrationFailedException: Script 1 failed for ***"
                        + System.lineSeparator() + "Caused by: java.sql.SQLException: ERROR: role ***"),
                maven.lines);
    }

    @Test
    void aBrokenSetupIsAMojoExecutionError() {
        SetupException e = new SetupException("Cannot connect to jdbc:postgresql://app:url-s3cret@db/app");
        e.setStackTrace(new StackTraceElement[0]);

        MojoExecutionException error = failures.error(e);

        assertEquals("Cannot connect to jdbc:postgresql://app:***@db/app", error.getMessage());
        assertNull(error.getCause());
        assertEquals(
                List.of("DEBUG io.github.dbmig.errors.SetupException: Cannot connect to"
                        + " jdbc:postgresql://app:***@db/app"),
                maven.lines);
    }
}
