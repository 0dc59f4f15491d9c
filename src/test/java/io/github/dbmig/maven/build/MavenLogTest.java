package io.github.dbmig.maven.build;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.log.Secrets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every line the core logs reaches Maven's log with the run's passwords masked, a stack trace for -X included. */
class MavenLogTest {

    private final RecordingMavenLog maven = new RecordingMavenLog(true);
    private final Secrets secrets = new Secrets();
    private final MavenLog log = new MavenLog(maven, secrets);

    @Test
    void everyLevelIsMasked() {
        secrets.add("pom-s3cret");
        log.info("info pom-s3cret");
        log.warn("warn jdbc:postgresql://db/app?user=app&password=in-the-url");
        log.debug("debug postgresql://app:in-userinfo@db/app");
        log.detail("detail pom-s3cret twice pom-s3cret");
        assertEquals(
                List.of(
                        "INFO info ***",
                        "WARN warn jdbc:postgresql://db/app?user=app&password=***",
                        "DEBUG debug postgresql://app:***@db/app",
                        "INFO detail *** twice ***"),
                maven.lines);
    }

    @Test
    void secretsLearnedLaterAreMaskedFromThenOn() {
        log.info("before: late-s3cret");
        secrets.add(database("late-s3cret").password());
        log.info("after: late-s3cret");
        assertEquals(List.of("INFO before: late-s3cret", "INFO after: ***"), maven.lines);
    }

    @Test
    void aStackTraceIsLoggedAsMaskedText() {
        secrets.add("pom-s3cret");
        IOException cause = new IOException(
                "FATAL: password authentication failed" + " (jdbc:postgresql://db/app?password=x1&user=app)");
        cause.setStackTrace(new StackTraceElement[] {frame("org.postgresql.Driver", "connect", 7)});
        IllegalStateException error = new IllegalStateException("cannot log in with pom-s3cret", cause);
        error.setStackTrace(new StackTraceElement[] {frame("io.github.dbmig.Example", "run", 42)});

        log.debug(error);

        assertEquals(
                List.of(String.join(
                        System.lineSeparator(),
                        "DEBUG java.lang.IllegalStateException: cannot log in with ***",
                        "\tat io.github.dbmig.Example.run(Example.java:42)",
                        "Caused by: java.io.IOException: FATAL: password authentication failed"
                                + " (jdbc:postgresql://db/app?password=***&user=app)",
                        "\tat org.postgresql.Driver.connect(Driver.java:7)")),
                maven.lines);
    }

    @Test
    void withoutDebugNothingIsRendered() {
        RecordingMavenLog quiet = new RecordingMavenLog(false);
        MavenLog log = new MavenLog(quiet, secrets);
        log.debug("nothing");
        log.debug(new IllegalStateException("nothing"));
        assertEquals(List.of(), quiet.lines);
    }

    private static StackTraceElement frame(String className, String method, int line) {
        return new StackTraceElement(
                className, method, className.substring(className.lastIndexOf('.') + 1) + ".java", line);
    }

    private static Database database(String password) {
        return new DatabaseBuilder("test")
                .id("app")
                .url("jdbc:postgresql://db/app")
                .scripts(Path.of("migrations"))
                .build((id, url) -> new Credentials("app", password, "test", "test"));
    }
}
