package io.github.dbmig.config;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialResolverTest {

    private static final String URL = "jdbc:postgresql://db.example:5433/app";

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private PgPassFile pgPass(String content, String permissions) throws Exception {
        Path file = Files.writeString(tmp.resolve("pgpass"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return new PgPassFile(file, warnings::add);
    }

    @Test
    void serverWinsOverEnvironmentPgPassAndPom() throws Exception {
        CredentialResolver resolver = new CredentialResolver(Map.of("DBMIG_PROD_EU_PASSWORD", "env-pw"),
                pgPass("*:*:*:*:file-pw\n", "rw-------"), "os");
        Credentials c = resolver.resolve("prod-eu", URL, Optional.of(new Credentials("srv", "srv-pw", "s", "s")), "prod-db",
                "pom", "pom-pw");
        assertEquals("srv", c.username());
        assertEquals("srv-pw", c.password());
        assertFalse(c.toString().contains("srv-pw"), c.toString());
    }

    @Test
    void environmentThenPgPassThenPom() throws Exception {
        Map<String, String> env = Map.of("DBMIG_PROD_EU_USERNAME", "envuser", "DBMIG_PROD_EU_PASSWORD", "env-pw");
        assertEquals("env-pw", new CredentialResolver(env, null, "os")
                .resolve("prod-eu", URL, Optional.empty(), "prod-eu", "pom", "pom-pw").password());

        PgPassFile file = pgPass("# comment\nother:*:*:*:wrong\ndb.example:5433:app:pom:pass\\:word\n", "rw-------");
        Credentials fromFile = new CredentialResolver(Map.of(), file, "os")
                .resolve("prod", URL, Optional.empty(), "prod", "pom", "pom-pw");
        assertEquals("pass:word", fromFile.password());
        assertTrue(fromFile.passwordSource().startsWith("password file"), fromFile.passwordSource());

        Credentials fromPom = new CredentialResolver(Map.of(), null, "os")
                .resolve("prod", URL, Optional.empty(), "prod", null, "pom-pw");
        assertEquals("os", fromPom.username());
        assertEquals("pom-pw", fromPom.password());
    }

    @Test
    void pgPassReadableByOthersIsIgnoredWithAWarning() throws Exception {
        PgPassFile file = pgPass("*:*:*:*:file-pw\n", "rw-r--r--");
        Credentials c = new CredentialResolver(Map.of(), file, "os").resolve("prod", URL, Optional.empty(), "prod", "u", null);
        assertNull(c.password());
        assertTrue(warnings.get(0).contains("chmod 0600"), warnings.toString());
    }
}
