package io.github.dbmig.maven;

import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.config.BackupSettings;
import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.maven.build.SettingsCredentials;
import io.github.dbmig.testing.RecordingLog;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.io.xpp3.SettingsXpp3Reader;
import org.junit.jupiter.api.Test;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

import java.io.File;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The pom's {@code <databases>} as Maven fills them, turned into the core's checked values: defaults from the plugin
 * level, credentials from settings.xml (decrypted with the checked-in settings-security fixture), the environment and
 * the pom.
 */
class DatabasesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/settings");

    private final RecordingLog log = new RecordingLog();

    private static SettingsCredentials settings() throws Exception {
        Settings settings;
        try (Reader in = Files.newBufferedReader(FIXTURES.resolve("settings.xml"), StandardCharsets.UTF_8)) {
            settings = new SettingsXpp3Reader().read(in);
        }
        DefaultSecDispatcher dispatcher = new DefaultSecDispatcher(
                new DefaultPlexusCipher(),
                Map.of(),
                FIXTURES.resolve("settings-security.xml").toString());
        return new SettingsCredentials(settings, new DefaultSettingsDecrypter(dispatcher));
    }

    private Databases databases(
            List<DatabaseParameters> declared, BackupParameters pluginBackup, Map<String, String> env)
            throws Exception {
        return new Databases(
                declared,
                Path.of("/project/migrations"),
                StandardCharsets.ISO_8859_1,
                pluginBackup,
                Path.of("/project/target/dbmig/backups"),
                null,
                false,
                Duration.ofSeconds(7),
                Duration.ofSeconds(9),
                null,
                settings(),
                env,
                "osuser",
                log);
    }

    private static DatabaseParameters database(String id, String url) {
        DatabaseParameters p = new DatabaseParameters();
        p.id = id;
        p.url = url;
        return p;
    }

    @Test
    void everyElementReachesTheCheckedValue() throws Exception {
        DatabaseParameters prod = database("prod", "jdbc:postgresql://db.example:5433/app");
        prod.serverId = "prod-db";
        prod.schema = "App";
        prod.changelogTable = "Log";
        prod.scripts = new File("/project/prod-scripts");
        prod.variables = Map.of("tenant", "acme");
        prod.lockTimeout = "3s";
        prod.setProtected("true");
        prod.backup = new BackupParameters();
        prod.backup.format = "plain";
        BackupParameters plugin = new BackupParameters();
        plugin.keep = 4;
        plugin.directory = new File("/backups");

        Database db = databases(List.of(prod), plugin, Map.of()).all().get(0);

        assertEquals(
                new Database(
                        "prod",
                        db.url(),
                        null,
                        new Credentials(
                                "deployer",
                                "prod-secret-pw",
                                "settings.xml server prod-db",
                                "settings.xml server prod-db"),
                        "app",
                        "log",
                        Path.of("/project/prod-scripts"),
                        StandardCharsets.ISO_8859_1,
                        Map.of("tenant", "acme", "schema", "app"),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(7),
                        Duration.ofSeconds(9),
                        new BackupSettings(
                                Path.of("/backups"), BackupFormat.PLAIN, null, 2, List.of(), 4, true, false, 1.0, null),
                        true,
                        new Database.StartSettings(null, false, false)),
                db);
        assertEquals("jdbc:postgresql://db.example:5433/app", db.url().connectUrl());
        assertEquals(List.of(), log.lines);
    }

    @Test
    void theServerIdDefaultsToTheIdAndTheEnvironmentComesNext() throws Exception {
        List<Database> dbs = databases(
                        List.of(database("staging", "jdbc:postgresql://h/s"), database("qa", "jdbc:postgresql://h/q")),
                        null,
                        Map.of("DBMIG_QA_USERNAME", "qa-user", "DBMIG_QA_PASSWORD", "qa-pw"))
                .all();
        assertEquals(
                new Credentials("stager", "plain-pw", "settings.xml server staging", "settings.xml server staging"),
                dbs.get(0).credentials());
        assertEquals(
                new Credentials("qa-user", "qa-pw", "environment DBMIG_QA_USERNAME", "environment DBMIG_QA_PASSWORD"),
                dbs.get(1).credentials());
    }

    @Test
    void aPomPasswordWorksButIsWarnedAbout() throws Exception {
        DatabaseParameters dev = database("dev", "jdbc:postgresql://h/d");
        dev.username = "dev";
        dev.password = "pom-pw";
        Databases factory = databases(List.of(dev), null, Map.of());
        assertEquals(
                new Credentials("dev", "pom-pw", "pom <username>", "pom <password>"),
                factory.all().get(0).credentials());
        assertEquals(List.of("pom-pw"), factory.pomSecrets());
        assertEquals(
                List.of("WARN Database dev: its password comes from the pom's <password>, which mvn -X prints in its"
                        + " configuration dump. Keep it in settings.xml (encrypted, <server> dev) or in the environment"
                        + " (DBMIG_DEV_PASSWORD)."),
                log.lines);
    }

    @Test
    void aPasswordInTheUrlWorksButIsWarnedAboutAsAPomPasswordIs() throws Exception {
        Databases factory = databases(
                List.of(
                        database("web", "jdbc:postgresql://h/d?user=app&password=url-pw"),
                        database("api", "jdbc:postgresql://app:url-pw2@h/d"),
                        database("plain", "jdbc:postgresql://h/d")),
                null,
                Map.of());
        List<Database> all = factory.all();
        assertEquals(
                new Credentials("app", "url-pw", "the URL", "the URL"),
                all.get(0).credentials());
        assertEquals(
                new Credentials("app", "url-pw2", "the URL", "the URL"),
                all.get(1).credentials());
        assertEquals(
                List.of(
                        "WARN Database web: its <url> holds a password, which mvn -X prints in its configuration dump."
                                + " Keep it in settings.xml (encrypted, <server> web) or in the environment"
                                + " (DBMIG_WEB_PASSWORD).",
                        "WARN Database api: its <url> holds a password, which mvn -X prints in its configuration dump."
                                + " Keep it in settings.xml (encrypted, <server> api) or in the environment"
                                + " (DBMIG_API_PASSWORD)."),
                log.lines);
    }

    @Test
    void settingsProblemsAreNamed() throws Exception {
        DatabaseParameters missing = database("prod", "jdbc:postgresql://h/p");
        missing.serverId = "nowhere";
        assertEquals(
                "<serverId>nowhere</serverId>: settings.xml has no <server> with that id.",
                assertThrows(
                                SetupException.class,
                                () -> databases(List.of(missing), null, Map.of())
                                        .all())
                        .getMessage());

        DatabaseParameters broken = database("broken", "jdbc:postgresql://h/p");
        String message = assertThrows(
                        SetupException.class,
                        () -> databases(List.of(broken), null, Map.of()).all())
                .getMessage();
        assertEquals(
                "settings.xml <server> broken: cannot decrypt its password (Failed to decrypt password for server"
                        + " broken: "
                        + "org.sonatype.plexus.components.cipher.PlexusCipherException:"
                        + " javax.crypto.BadPaddingException: Given final block"
                        + " not properly padded. Such issues can arise if a bad key is used during decryption.). Check"
                        + " the master"
                        + " password in settings-security.xml.",
                message);
    }

    @Test
    void yesOrNoElementsTakeTrueOrFalseOnlyAndNameTheElement() throws Exception {
        DatabaseParameters prod = database("prod", "jdbc:postgresql://db.example/app");
        prod.reuse = "yes";
        assertEquals(
                "<reuse>yes</reuse> in <database> prod is not true or false.",
                assertThrows(
                                SetupException.class,
                                () -> databases(List.of(prod), null, Map.of()).all())
                        .getMessage());
        prod.reuse = null;
        prod.setProtected("1");
        assertEquals(
                "<protected>1</protected> in <database> prod is not true or false.",
                assertThrows(
                                SetupException.class,
                                () -> databases(List.of(prod), null, Map.of()).all())
                        .getMessage());
        prod.setProtected("TRUE");
        prod.publishPassword = "on";
        assertEquals(
                "<publishPassword>on</publishPassword> in <database> prod is not true or false.",
                assertThrows(
                                SetupException.class,
                                () -> databases(List.of(prod), null, Map.of()).all())
                        .getMessage());
        prod.publishPassword = " ";
        prod.backup = new BackupParameters();
        prod.backup.beforeChange = "no";
        assertEquals(
                "<beforeChange>no</beforeChange> in <backup> of <database> prod is not true or false.",
                assertThrows(
                                SetupException.class,
                                () -> databases(List.of(prod), null, Map.of()).all())
                        .getMessage());
        prod.backup.beforeChange = "False";
        BackupParameters plugin = new BackupParameters();
        plugin.beforeChange = "yes";
        assertEquals(
                "<beforeChange>yes</beforeChange> in the plugin's <backup> is not true or false.",
                assertThrows(
                                SetupException.class,
                                () -> databases(List.of(prod), plugin, Map.of()).all())
                        .getMessage());
        plugin.beforeChange = "true";

        Database db = databases(List.of(prod), plugin, Map.of()).all().get(0);
        assertEquals(true, db.protectedDatabase());
        assertEquals(false, db.start().publishPassword(), "blank is the default");
        assertEquals(false, db.backup().beforeChange(), "the database's own False wins over the plugin's true");
    }

    @Test
    void idsMustBeDeclaredOnce() throws Exception {
        assertEquals(
                "<database><id>a</id> is declared twice in <databases>; ids must be unique.",
                assertThrows(
                                SetupException.class,
                                () -> databases(
                                                List.of(
                                                        database("a", "jdbc:postgresql://h/a"),
                                                        database("a", "jdbc:postgresql://h/b")),
                                                null,
                                                Map.of())
                                        .all())
                        .getMessage());
        assertEquals(
                "No database is declared: add <databases><database><id>…</id><url>…</url></database></databases> to the"
                        + " dbmig plugin's <configuration>.",
                assertThrows(
                                SetupException.class,
                                () -> databases(List.of(), null, Map.of()).all())
                        .getMessage());
    }
}
