package io.github.dbmig.config;

import io.github.dbmig.log.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CredentialResolverTest {

    private static final PgUrl URL = PgUrl.parse("jdbc:postgresql://db.example:5433/app", "<url>");

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();
    private final Log log = new Log() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void debug(String message) {}
    };

    /** A password file as PgJDBC finds it: through the system property it reads first. */
    private PgPass pgPass(String content, String permissions) throws Exception {
        Path file = Files.writeString(tmp.resolve("pgpass"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        System.setProperty("org.postgresql.pgpassfile", file.toString());
        return PgPass.locate(Map.of(), log);
    }

    @AfterEach
    void forgetPasswordFile() {
        System.clearProperty("org.postgresql.pgpassfile");
    }

    @Test
    void serverWinsOverUrlEnvironmentPgPassAndPom() throws Exception {
        CredentialResolver resolver = new CredentialResolver(
                Map.of("DBMIG_PROD_EU_PASSWORD", "env-pw"), pgPass("*:*:*:*:file-pw\n", "rw-------"), "os");
        Credentials c = resolver.resolve(
                "prod-eu",
                PgUrl.parse("jdbc:postgresql://u:url-pw@db.example/app", "<url>"),
                Optional.of(new Credentials("srv", "srv-pw", "s", "s")),
                "prod-db",
                "pom",
                "pom-pw");
        assertEquals(new Credentials("srv", "srv-pw", "settings.xml server prod-db", "settings.xml server prod-db"), c);
        assertEquals("user srv (settings.xml server prod-db), password from settings.xml server prod-db", c.toString());
    }

    @Test
    void urlCredentialsComeNextAndAreNeverShown() {
        Credentials inUserInfo = new CredentialResolver(Map.of("PGPASSWORD", "env-pw"), null, "os")
                .resolve(
                        "prod",
                        PgUrl.parse("jdbc:postgresql://app:s3cr%40t@db.example/app", "<url>"),
                        Optional.empty(),
                        "prod",
                        "pom",
                        null);
        assertEquals(new Credentials("app", "s3cr@t", "the URL", "the URL"), inUserInfo);
        Credentials inParameters = new CredentialResolver(Map.of(), null, "os")
                .resolve(
                        "prod",
                        PgUrl.parse("jdbc:postgresql://db.example/app?user=app&password=hunter2", "<url>"),
                        Optional.empty(),
                        "prod",
                        null,
                        null);
        assertEquals(new Credentials("app", "hunter2", "the URL", "the URL"), inParameters);
    }

    @Test
    void environmentThenPgPassThenPom() throws Exception {
        Map<String, String> env = Map.of("DBMIG_PROD_EU_USERNAME", "envuser", "DBMIG_PROD_EU_PASSWORD", "env-pw");
        assertEquals(
                new Credentials(
                        "envuser",
                        "env-pw",
                        "environment DBMIG_PROD_EU_USERNAME",
                        "environment DBMIG_PROD_EU_PASSWORD"),
                new CredentialResolver(env, null, "os")
                        .resolve("prod-eu", URL, Optional.empty(), "prod-eu", "pom", "pom-pw"));

        PgPass file = pgPass("# comment\nother:*:*:*:wrong\ndb.example:5433:app:pom:pass\\:word\n", "rw-------");
        assertEquals(
                new Credentials("pom", "pass:word", "pom <username>", "password file " + tmp.resolve("pgpass")),
                new CredentialResolver(Map.of(), file, "os")
                        .resolve("prod", URL, Optional.empty(), "prod", "pom", "pom-pw"));

        assertEquals(
                new Credentials("os", "pom-pw", "operating-system user", "pom <password>"),
                new CredentialResolver(Map.of(), null, "os")
                        .resolve("prod", URL, Optional.empty(), "prod", null, "pom-pw"));
    }

    @Test
    void pgPassReadableByOthersIsIgnoredWithAWarning() throws Exception {
        PgPass file = pgPass("*:*:*:*:file-pw\n", "rw-r--r--");
        Credentials c =
                new CredentialResolver(Map.of(), file, "os").resolve("prod", URL, Optional.empty(), "prod", "u", null);
        assertNull(c.password());
        assertEquals(
                List.of("Ignoring the password file " + tmp.resolve("pgpass")
                        + ": it is readable by its group or others;"
                        + " make it private (chmod 0600) as libpq requires."),
                warnings);
    }
}
