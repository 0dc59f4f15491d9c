package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one checked value per database: every mistake named by its pom element, nothing secret shown. */
class DatabaseTest {

    private static final Path DIR = Path.of("migrations");

    private static DatabaseBuilder declared(String id) {
        return new DatabaseBuilder("<database> number 1 in <databases>").id(id).scripts(DIR);
    }

    private static Database build(DatabaseBuilder builder) {
        return builder.build(
                (id, url) -> new Credentials(url.user() == null ? "app" : url.user(), url.password(), "test", "test"));
    }

    private static String error(DatabaseBuilder builder) {
        return assertThrows(SetupException.class, () -> build(builder)).getMessage();
    }

    @Test
    void everyValueIsCheckedAndNamedByItsElement() {
        assertEquals("<database> number 1 in <databases> has no <id>; every database needs one.", error(declared(" ")));
        assertEquals(
                "<database> number 1 in <databases>: <id>../../../../escaped</id> is not a plain name; use letters,"
                        + " digits, '.', '_' and '-' (at most 63), starting with a letter or digit, and no \"..\".",
                error(declared("../../../../escaped").url("jdbc:postgresql://h/d")));
        assertEquals(
                "<database> number 1 in <databases>: <id>a..b</id> is not a plain name; use letters, digits, '.', '_'"
                        + " and '-' (at most 63), starting with a letter or digit, and no \"..\".",
                error(declared("a..b")));
        assertEquals(
                "<database> x: set <url> (a JDBC URL such as jdbc:postgresql://host:5432/app) or <image> (a PostgreSQL"
                        + " container image such as postgres:17 for a throwaway database).",
                error(declared("x")));
        assertEquals(
                "<database> x: <url> and <image> are both set; keep one.",
                error(declared("x").url("jdbc:postgresql://h/d").image("postgres:17")));
        assertEquals(
                "<database> x: <schema> \"my-schema\" is not a plain SQL name: use letters, digits and '_' (at most"
                        + " 63),"
                        + " starting with a letter or '_'.",
                error(declared("x").url("jdbc:postgresql://h/d").schema("my-schema")));
        assertEquals(
                "<database> x: <lockTimeout> \"10 minutes\" is not a duration; write for example 30s, 10m, 1h or"
                        + " PT10M.",
                error(declared("x").url("jdbc:postgresql://h/d").lockTimeout("10 minutes")));
        assertEquals(
                "<database> x: <backup><format> \"zip\" is not a backup format; use custom, directory or plain.",
                error(declared("x")
                        .url("jdbc:postgresql://h/d")
                        .backup(new BackupOptions(null, "zip", null, null, null, null, null, null, null), null)));
        assertEquals(
                "<database> x: <reuse> keeps a container for the next build, and this database has a <url>, not an"
                        + " <image>; remove <reuse> from it (-Ddbmig.reuse applies to <image> databases only).",
                error(declared("x").url("jdbc:postgresql://h/d").start(null, true, false)));
    }

    @Test
    void namesAreFoldedAndTheSchemaIsAVariable() {
        Database db = build(declared("x")
                .url("jdbc:postgresql://h:5433/d")
                .schema("App")
                .changelogTable("CHANGELOG")
                .lockTimeout("5s")
                .variables(Map.of("tenant", "acme")));
        assertEquals("app.changelog", db.changelogName());
        assertEquals(Map.of("schema", "app", "tenant", "acme"), db.variables());
        assertEquals(Duration.ofSeconds(5), db.lockTimeout());
        assertEquals("h", db.url().host());
        assertEquals("5433", db.url().port());
        assertEquals("d", db.url().database());
    }

    @Test
    void aDatabasesOwnBackupSettingsWinOverThePluginsWhichWinOverTheDefaults() {
        BackupOptions own = new BackupOptions(null, "plain", null, null, null, 3, null, null, null);
        BackupOptions plugin =
                new BackupOptions(Path.of("/backups"), "directory", 6, 4, List.of("App"), 10, false, 2.0, null);
        Database db = build(declared("x")
                .url("jdbc:postgresql://h/d")
                .backup(own, plugin)
                .backupRun(Path.of("default"), null, true));
        assertEquals(
                new BackupSettings(
                        Path.of("/backups"), BackupFormat.PLAIN, 6, 4, List.of("app"), 3, false, true, 2.0, null),
                db.backup());

        Database defaults =
                build(declared("y").url("jdbc:postgresql://h/d").backupRun(Path.of("default"), Path.of("/cli"), false));
        assertEquals(
                new BackupSettings(
                        Path.of("/cli"), BackupFormat.CUSTOM, null, 2, List.of(), null, true, false, 1.0, null),
                defaults.backup());
        Database container = build(declared("z").image("postgres:17"));
        assertFalse(
                container.backup().beforeChange(), "a throwaway database is not backed up before a change by default");
        assertNull(container.url());
    }

    @Test
    void credentialsInTheUrlAreTakenOutAndNeverShown() {
        Database db = build(declared("x").url("jdbc:postgresql://app:hunter2@db.example:5432/prod?sslmode=require"));
        assertEquals(new Credentials("app", "hunter2", "test", "test"), db.credentials());
        assertEquals(
                "jdbc:postgresql://db.example:5432/prod?sslmode=require",
                db.url().connectUrl());
        assertEquals("database x (jdbc:postgresql://db.example:5432/prod?sslmode=require)", db.toString());

        Database params =
                build(declared("y").url("jdbc:postgresql://db.example/prod?user=app&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://db.example/prod?ssl=true", params.url().connectUrl());
        assertEquals("hunter2", params.credentials().password());
    }

    @Test
    void aBadUrlIsNamedWithItsPasswordMasked() {
        assertEquals(
                "<database> x: <url> jdbc:postgresql://host:notaport/db?password=*** is not a valid PostgreSQL JDBC"
                        + " URL:"
                        + " its port \"notaport\" is not a number; write it as jdbc:postgresql://host:port/database.",
                error(declared("x").url("jdbc:postgresql://host:notaport/db?password=hunter2")));
        assertEquals(
                "<database> x: <url> must be a PostgreSQL JDBC URL starting with jdbc:postgresql:, not"
                        + " jdbc:mysql://u:***@h/d.",
                error(declared("x").url("jdbc:mysql://u:hunter2@h/d")));
    }
}
