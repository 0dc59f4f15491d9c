package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real {@code mvn} builds of the sample projects in {@code src/it}, one test per folder, each against a fresh
 * database of the Testcontainers PostgreSQL; assertions look at the database over JDBC and at the build log.
 */
class PluginIT {

    private static final String STACK_TRACE_LINE = "\tat io.github.dbmig";

    @Test
    void everyCaseFolderHasATest() throws Exception {
        List<String> tests = Arrays.stream(PluginIT.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).map(Method::getName).toList();
        for (String folder : MavenBuilds.caseNames()) {
            String method = camelCase(folder);
            assertTrue(tests.contains(method), "src/it/" + folder + " has no test method " + method + " in PluginIT");
        }
    }

    @Test
    void upgradeFreshDatabase() throws Exception {
        ItCase it = MavenBuilds.run("upgrade-fresh-database");
        TestDatabase db = it.database();
        assertEquals(List.of(20240101000000L, 20240102000000L, 20240103000000L), db.changelogIds("changelog"));
        assertEquals(List.of("touched; by trigger", "touched; by trigger"), db.queryStrings("SELECT v FROM customers ORDER BY id"));
        assertEquals(List.of("dbmig"), db.queryStrings("SELECT DISTINCT 'dbmig' FROM changelog"));
        it.assertLogContains(1, "Created the changelog table changelog on database it.");
        it.assertLogContains(1, "Applied 20240103000000_seed_customers.sql to it");
        it.assertLogContains(1, "NOTICE: seeded 2 customers");
        it.assertLogContains(1, "applied 3 script(s), now at 20240103000000.");
    }

    @Test
    void upgradeIsIdempotent() throws Exception {
        ItCase it = MavenBuilds.run("upgrade-is-idempotent");
        assertEquals(List.of(1L, 2L), it.database().changelogIds("changelog"));
        assertEquals(List.of(1L), it.database().queryLongs("SELECT count(*) FROM events"));
        it.assertLogContains(2, "Database it is up to date at 2; nothing to apply.");
        assertFalse(it.log(2).contains("Applied "), it.log(2));
    }

    @Test
    void upgradeToTarget() throws Exception {
        ItCase it = MavenBuilds.run("upgrade-to-target");
        assertEquals(List.of(1L, 2L), it.database().changelogIds("changelog"));
        assertTrue(it.database().tableExists("t2"));
        assertFalse(it.database().tableExists("t3"));
    }

    @Test
    void downgradeSteps() throws Exception {
        ItCase it = MavenBuilds.run("downgrade-steps");
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        assertTrue(it.database().tableExists("t1"));
        assertFalse(it.database().tableExists("t2"));
        it.assertLogContains(2, "Undid 3_table_t3.sql on it");
        it.assertLogContains(2, "undid 2 script(s); now at 1.");
    }

    @Test
    void downgradeToTarget() throws Exception {
        ItCase it = MavenBuilds.run("downgrade-to-target");
        assertEquals(List.of(1L, 2L), it.database().changelogIds("changelog"));
        assertFalse(it.database().tableExists("t3"));
        assertTrue(it.database().tableExists("t2"));
        it.assertLogContains(3, "dbmig:downgrade needs exactly one of -Ddbmig.target=ID");
        assertFalse(it.log(3).contains(STACK_TRACE_LINE), it.log(3));
    }

    @Test
    void downgradeRefusesMissingUndo() throws Exception {
        ItCase it = MavenBuilds.run("downgrade-refuses-missing-undo");
        assertEquals(List.of(1L, 2L, 3L), it.database().changelogIds("changelog"));
        assertTrue(it.database().tableExists("t3"), "nothing may be undone");
        it.assertLogContains(2, "2_irreversible.sql: has no -- //@UNDO section");
        it.assertLogContains(2, "Nothing was undone.");
    }

    @Test
    void stamp() throws Exception {
        ItCase it = MavenBuilds.run("stamp");
        assertEquals(List.of(1L, 2L, 3L), it.database().changelogIds("changelog"));
        assertFalse(it.database().tableExists("t1"), "stamped scripts are not run");
        assertFalse(it.database().tableExists("t2"), "stamped scripts are not run");
        assertTrue(it.database().tableExists("t3"));
        it.assertLogContains(1, "Database it stamped at 2: 2 recorded, 0 removed, 0 checksum(s) accepted, no script run.");
    }

    @Test
    void status() throws Exception {
        ItCase it = MavenBuilds.run("status");
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        String appliedAt = it.database().queryStrings("SELECT applied_at FROM changelog").get(0);
        it.assertLogContains(2, "ID  Applied At               Description");
        it.assertLogContains(2, "1   " + appliedAt);
        it.assertLogContains(2, "2   pending                  table t2");
        it.assertLogContains(2, "it: 1 applied, 2 pending, newest applied 1");
    }

    @Test
    void newScript() throws Exception {
        ItCase it = MavenBuilds.run("new-script", new MavenBuilds.Options().property("dbmig.description", "add users"));
        List<Path> created;
        try (Stream<Path> files = Files.list(it.project().resolve("migrations"))) {
            created = files.filter(p -> p.getFileName().toString().endsWith("_add_users.sql")).toList();
        }
        assertEquals(1, created.size(), "one new script");
        assertTrue(created.get(0).getFileName().toString().matches("\\d{14}_add_users\\.sql"));
        assertTrue(Files.readString(created.get(0)).contains("-- //@UNDO"));
        it.assertLogContains(1, "Created " + created.get(0));
        assertFalse(it.database().tableExists("changelog"), "new touches no database");
    }

    @Test
    void failingScriptRollsBack() throws Exception {
        ItCase it = MavenBuilds.run("failing-script-rolls-back");
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        assertFalse(it.database().tableExists("half_done"), "the failed script's first statement must be rolled back");
        assertFalse(it.database().tableExists("t3"));
        it.assertLogContains(1, "2_half_done.sql failed at line 5");
        it.assertLogContains(1, "column \"missing_column\" does not exist");
        it.assertLogContains(1, "database it is at 1");
        assertFalse(it.log(1).contains(STACK_TRACE_LINE), it.log(1));
    }

    @Test
    void concurrentUpgrades() throws Exception {
        ItCase it = MavenBuilds.prepare("concurrent-upgrades");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<MavenBuilds.Build>> builds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            builds.add(pool.submit(() -> MavenBuilds.build(it.project(), "dbmig:upgrade", it.database(), new MavenBuilds.Options())));
        }
        int applied = 0;
        for (Future<MavenBuilds.Build> future : builds) {
            MavenBuilds.Build build = future.get();
            assertEquals(0, build.exitCode(), build.log());
            Matcher m = Pattern.compile("Applied \\d+_step").matcher(build.log());
            while (m.find()) {
                applied++;
            }
        }
        pool.shutdown();
        assertEquals(8, applied, "each script applied by exactly one build");
        assertEquals(List.of(8L), it.database().queryLongs("SELECT count(*) FROM hits"));
        assertEquals(List.of(8L), it.database().queryLongs("SELECT count(DISTINCT script) FROM hits"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), it.database().changelogIds("changelog"));
    }

    @Test
    void credentialsFromEncryptedSettings() throws Exception {
        String password = "Enc-" + Long.toHexString(System.nanoTime()) + "-pw";
        String master = "master-" + Long.toHexString(System.nanoTime());
        MavenBuilds.Options options = new MavenBuilds.Options().ownCredentials().secret(password).secret(master);
        options.prepare((project, db) -> {
            writeEncryptedSettings(project, db, password, master);
            options.property("settings.security", project.resolve("settings-security.xml").toString());
        });
        ItCase it = MavenBuilds.run("credentials-from-encrypted-settings", options);
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        assertEquals(List.of("enc_owner_" + it.database().name()),
                it.database().queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'owned'"));
        it.assertLogContains(1, "password from settings.xml server it-server");
        assertFalse(Files.readString(it.project().resolve("it-settings.xml")).contains(password));
    }

    private static void writeEncryptedSettings(Path project, TestDatabase db, String password, String master) throws Exception {
        String role = "enc_owner_" + db.name();
        try (Connection admin = TestPostgres.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            s.execute("ALTER DATABASE " + db.name() + " OWNER TO " + role);
            DefaultPlexusCipher cipher = new DefaultPlexusCipher();
            String encryptedMaster = cipher.encryptAndDecorate(master, "settings.security");
            String encryptedPassword = cipher.encryptAndDecorate(password, master);
            Files.writeString(project.resolve("settings-security.xml"),
                    "<settingsSecurity><master>" + encryptedMaster + "</master></settingsSecurity>");
            Files.writeString(project.resolve("settings-servers.xml"), "<servers><server><id>it-server</id><username>" + role
                    + "</username><password>" + encryptedPassword + "</password></server></servers>");
        }
    }

    @Test
    void unknownDatabaseId() throws Exception {
        ItCase it = MavenBuilds.run("unknown-database-id");
        it.assertLogContains(1, "Unknown database id prod in -Ddb=prod; declared: it, other.");
        assertFalse(it.log(1).contains(STACK_TRACE_LINE), it.log(1));
        assertFalse(it.database().tableExists("changelog"));
    }

    @Test
    void badScriptName() throws Exception {
        ItCase it = MavenBuilds.run("bad-script-name");
        it.assertLogContains(1, "README.sql is not named <id>_<description>.sql");
        it.assertLogContains(1, "nothing was run");
        assertFalse(it.database().tableExists("changelog"));
        assertFalse(it.database().tableExists("t1"));
    }

    @Test
    void imageDatabase() throws Exception {
        ItCase it = MavenBuilds.run("image-database");
        it.assertLogContains(1, "Starting a throwaway PostgreSQL container from " + TestPostgres.image()
                + " for database scratch");
        it.assertLogContains(1, "Database scratch: applied 2 script(s), now at 2.");
        assertFalse(it.log(1).contains("NoClassDefFoundError"), "Testcontainers' cleanup must not fail after the build");
    }

    @Test
    void skip() throws Exception {
        ItCase it = MavenBuilds.run("skip");
        it.assertLogContains(1, "dbmig: skipped (dbmig.skip=true).");
        assertFalse(it.database().tableExists("changelog"));
    }

    @Test
    void upgradeInPreIntegrationTest() throws Exception {
        ItCase it = MavenBuilds.run("upgrade-in-pre-integration-test");
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        // Maven 3.8 names the plugin by artifactId, 3.9 by prefix; both end the same way
        it.assertLogContains(1, ":upgrade (default) @ upgrade-in-pre-integration-test");
    }

    @Test
    void verifyDetectsManualChange() throws Exception {
        ItCase it = MavenBuilds.run("verify-detects-manual-change", new MavenBuilds.Options().afterBuild(1, (project, db) -> {
            db.execute("ALTER TABLE people ADD COLUMN nickname text;"
                    + " CREATE OR REPLACE FUNCTION greet(who text) RETURNS text LANGUAGE sql AS $$ SELECT 'hi ' || who $$;");
        }));
        it.assertLogContains(1, "Database it matches its scripts: nothing pending, no script changed, no schema drift.");
        it.assertLogContains(2, "Database it does not match its scripts (2 problem(s)):");
        it.assertLogContains(2, "drift: table public.people: column nickname added (text)");
        it.assertLogContains(2, "drift: function public.greet(text): body changed");
        assertFalse(it.log(2).contains(STACK_TRACE_LINE), it.log(2));
    }

    @Test
    void upgradeRefusesEditedScript() throws Exception {
        ItCase it = MavenBuilds.run("upgrade-refuses-edited-script", new MavenBuilds.Options().afterBuild(1, (project, db) -> {
            Path script = project.resolve("migrations/1_table_t1.sql");
            Files.writeString(script, Files.readString(script).replace("(id int)", "(id bigint)"));
        }));
        it.assertLogContains(2, "1 applied script(s) changed since they were applied:");
        it.assertLogContains(2, "1_table_t1.sql");
        it.assertLogContains(2, "mvn dbmig:stamp -Ddbmig.target=1");
        it.assertLogContains(3, "1 checksum(s) accepted");
        it.assertLogContains(4, "Applied 2_table_t2.sql");
        assertEquals(List.of(1L, 2L), it.database().changelogIds("changelog"));
    }

    @Test
    void crlfCheckoutIsNotAChange() throws Exception {
        ItCase it = MavenBuilds.run("crlf-checkout-is-not-a-change", new MavenBuilds.Options().afterBuild(1, (project, db) -> {
            Path script = project.resolve("migrations/1_table_t1.sql");
            Files.writeString(script, Files.readString(script).replace("\n", "\r\n"));
        }));
        it.assertLogContains(2, "Database it matches its scripts");
        it.assertLogContains(2, "Database it is up to date at 1; nothing to apply.");
    }

    @Test
    void statusShowsHistory() throws Exception {
        ItCase it = MavenBuilds.run("status-shows-history");
        it.assertLogContains(2, "History, newest first:");
        it.assertLogContains(2, "up      1  ");
        it.assertLogContains(2, "it.dbmig:status-shows-history:1.0");
        it.assertLogContains(2, "dbmig " + System.getProperty("dbmig.it.pluginVersion", "0.1.0-SNAPSHOT"));
        assertEquals(List.of("it.dbmig:status-shows-history:1.0"),
                it.database().queryStrings("SELECT project FROM dbmig_history"));
    }

    @Test
    void concurrentIndexSucceeds() throws Exception {
        ItCase it = MavenBuilds.run("concurrent-index-succeeds");
        it.assertLogContains(1, "Running 2_people_name_index.sql outside a transaction, statement by statement.");
        it.assertLogContains(1, "Database it matches its scripts");
        it.assertLogContains(2, "Undid 2_people_name_index.sql");
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        assertFalse(it.database().tableExists("people_name"));
    }

    @Test
    void concurrentIndexFailsVisibly() throws Exception {
        ItCase it = MavenBuilds.run("concurrent-index-fails-visibly");
        it.assertLogContains(1, "2_unique_names.sql failed at line 2");
        it.assertLogContains(1, "could not create unique index");
        it.assertLogContains(1, "index public.people_name_unique is INVALID");
        it.assertLogContains(2, "script 2 failed outside a transaction");
        it.assertLogContains(2, "index public.people_name_unique is INVALID");
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        assertEquals(List.of("failed"), it.database().queryStrings(
                "SELECT action FROM dbmig_history WHERE script_id = 2 ORDER BY seq DESC LIMIT 1"));
    }

    @Test
    void killedBuildAppliesScriptOnce() throws Exception {
        ItCase it = MavenBuilds.prepare("killed-build-applies-script-once");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MavenBuilds.Build> first = startSleepingBuild(it, pool);
        List<ProcessHandle> maven = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(it.project().toString()))
                .filter(p -> p.info().command().orElse("").endsWith("java")).toList();
        assertEquals(1, maven.size(), "one Maven JVM to kill");
        maven.get(0).destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client
        MavenBuilds.Build killed = first.get();
        pool.shutdown();
        assertTrue(killed.exitCode() != 0, killed.log());
        waitUntilNoDbmigSessions(it.database());
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        assertEquals(List.of(0L), it.database().queryLongs("SELECT count(*) FROM ledger"));

        assertRerunAppliesTheScriptOnce(it);
    }

    @Test
    void serverTerminatesConnection() throws Exception {
        ItCase it = MavenBuilds.prepare("server-terminates-connection");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MavenBuilds.Build> first = startSleepingBuild(it, pool);
        long pid = waitForSleepingScript(it.database());
        it.database().execute("SELECT pg_terminate_backend(" + pid + ")");
        MavenBuilds.Build terminated = first.get();
        pool.shutdown();
        assertTrue(terminated.exitCode() != 0, terminated.log());
        assertTrue(terminated.log().contains("2_long_data_migration.sql failed at line 3"), terminated.log());
        assertTrue(terminated.log().contains("terminating connection due to administrator command"), terminated.log());
        assertFalse(terminated.log().contains(STACK_TRACE_LINE), terminated.log());
        assertEquals(List.of(1L), it.database().changelogIds("changelog"));
        assertEquals(List.of(0L), it.database().queryLongs("SELECT count(*) FROM ledger"));

        assertRerunAppliesTheScriptOnce(it);
    }

    private static void assertRerunAppliesTheScriptOnce(ItCase it) throws Exception {
        MavenBuilds.Build rerun = MavenBuilds.build(it.project(), "dbmig:upgrade", it.database(), new MavenBuilds.Options());
        assertEquals(0, rerun.exitCode(), rerun.log());
        assertEquals(List.of(1L, 2L), it.database().changelogIds("changelog"));
        assertEquals(List.of(2L), it.database().queryLongs("SELECT count(*) FROM ledger"));
    }

    /** Starts an upgrade whose long script sleeps a minute, and returns once it is inside that script. */
    private static Future<MavenBuilds.Build> startSleepingBuild(ItCase it, ExecutorService pool) throws Exception {
        MavenBuilds.Options slow = new MavenBuilds.Options().property("dbmig.it.sleep", "60");
        Future<MavenBuilds.Build> build = pool.submit(() -> MavenBuilds.build(it.project(), "dbmig:upgrade", it.database(), slow));
        waitForSleepingScript(it.database());
        return build;
    }

    /** Waits until a dbmig session is inside the script's pg_sleep; returns that backend's pid. */
    private static long waitForSleepingScript(TestDatabase db) throws Exception {
        for (int i = 0; i < 600; i++) {
            List<Long> pids = db.queryLongs("SELECT pid FROM pg_stat_activity WHERE application_name = 'dbmig'"
                    + " AND datname = current_database() AND query LIKE '%pg_sleep%' AND state = 'active'");
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the build never reached the sleeping script");
    }

    /** After a SIGKILL the server notices the dead client on its own; wait for that. */
    private static void waitUntilNoDbmigSessions(TestDatabase db) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (db.queryLongs("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbmig'"
                    + " AND datname = current_database()").get(0) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the killed build's sessions are still there");
    }

    @Test
    void roleScript() throws Exception {
        ItCase it = MavenBuilds.run("role-script", new MavenBuilds.Options().prepare((project, db) -> {
            db.execute("DO $$ BEGIN CREATE ROLE app_owner_role NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                    + " GRANT CREATE ON SCHEMA public TO app_owner_role");
        }));
        assertEquals(List.of("app_owner_role"), it.database().queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'orders'"));
        assertEquals(List.of(it.database().username()),
                it.database().queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'changelog'"));
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        ItCase it = MavenBuilds.run("dry-run-changes-nothing");
        Path sql = it.project().resolve("target/dbmig/it-upgrade.sql");
        it.assertLogContains(1, "Dry run: Database it: upgrade would apply 1 script(s): 1_table_t1.sql.");
        it.assertLogContains(1, "nothing was changed");
        assertTrue(Files.readString(sql).contains("CREATE TABLE t1 (id int);"), Files.readString(sql));
        assertFalse(it.database().tableExists("changelog"));
        assertFalse(it.database().tableExists("t1"));
    }

    @Test
    void backupAndRestoreRoundTrip() throws Exception {
        assumeTrue(TestPostgres.hostPgDumpFits(), "this machine has no pg_dump for PostgreSQL " + TestPostgres.serverMajor());
        MavenBuilds.Options options = new MavenBuilds.Options().backups();
        options.prepare((project, db) -> options.property("dbmig.restoreTo", db.name() + "_copy"));
        ItCase it = MavenBuilds.run("backup-and-restore-round-trip", options);
        Path backups = it.project().resolve("target/dbmig/backups");
        List<Path> dumps;
        try (Stream<Path> files = Files.list(backups)) {
            dumps = files.filter(p -> p.toString().endsWith(".dump")).toList();
        }
        assertEquals(1, dumps.size(), "one backup");
        assertTrue(dumps.get(0).getFileName().toString().matches("it-\\d{8}-\\d{6}-\\d{3}-[0-9a-f]{4}-1\\.dump"), dumps.get(0).toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps.get(0))));
        it.assertLogContains(2, "verified");
        it.assertLogContains(3, "Restored " + dumps.get(0).getFileName());
        TestDatabase copy = TestPostgres.existingDatabase(it.database().name() + "_copy");
        String contents = "SELECT count(*) || ' ' || md5(string_agg(id || name || mood, ',' ORDER BY id)) FROM prod.people"
                + " UNION ALL SELECT count(*) || ' ' || md5(string_agg(id || body, ',' ORDER BY id)) FROM work.drafts"
                + " UNION ALL SELECT prod.greet('you')"
                + " UNION ALL SELECT convert_from(lo_get(doc), 'UTF8') FROM prod.people WHERE id = 1"
                + " UNION ALL SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum";
        assertEquals(it.database().queryStrings(contents), copy.queryStrings(contents));
    }

    @Test
    void backupBeforeUpgradeRecorded() throws Exception {
        assumeTrue(TestPostgres.hostPgDumpFits(), "this machine has no pg_dump for PostgreSQL " + TestPostgres.serverMajor());
        ItCase it = MavenBuilds.run("backup-before-upgrade-recorded", new MavenBuilds.Options().backups());
        it.assertLogContains(1, "Database it is about to change: backing it up first.");
        assertFalse(it.log(2).contains("backing it up"), "nothing pending, no backup: " + it.log(2));
        it.assertLogContains(3, "Database it is about to change: backing it up first.");
        List<String> backups = it.database().queryStrings("SELECT DISTINCT backup FROM dbmig_history ORDER BY 1");
        assertEquals(2, backups.size(), backups.toString());
        assertTrue(backups.get(0).contains("it-") && backups.get(0).endsWith("-0.dump"), backups.toString());
        assertTrue(backups.get(1).endsWith("-2.dump"), backups.toString());
        for (String backup : backups) {
            assertTrue(Files.exists(Path.of(backup)), backup);
        }
    }

    @Test
    void upgradeStopsWhenBackupFails() throws Exception {
        ItCase it = MavenBuilds.run("upgrade-stops-when-backup-fails", new MavenBuilds.Options().backups());
        it.assertLogContains(1, "pom.xml/backups cannot be used");
        assertFalse(it.log(1).contains(STACK_TRACE_LINE), it.log(1));
        assertFalse(it.database().tableExists("t1"));
        assertFalse(it.database().tableExists("changelog"), "the database is exactly as it was");
    }

    @Test
    void restoreRefusesCorruptedBackup() throws Exception {
        assumeTrue(TestPostgres.hostPgDumpFits(), "this machine has no pg_dump for PostgreSQL " + TestPostgres.serverMajor());
        ItCase it = MavenBuilds.run("restore-refuses-corrupted-backup", new MavenBuilds.Options().backups().afterBuild(1, (project, db) -> {
            try (Stream<Path> files = Files.list(project.resolve("target/dbmig/backups"))) {
                // the newest backup, which restore's default (latest) picks; upgrade took an older one before it changed
                Path dump = files.filter(p -> p.toString().endsWith(".dump")).max(Comparator.naturalOrder()).orElseThrow();
                byte[] bytes = Files.readAllBytes(dump);
                bytes[bytes.length / 2] ^= 0x5a;
                Files.write(dump, bytes);
            }
        }));
        it.assertLogContains(2, "the file is damaged or was changed");
        it.assertLogContains(2, "nothing was done");
        assertEquals(List.of(0L), it.database().queryLongs(
                "SELECT count(*) FROM pg_database WHERE datname LIKE '" + it.database().name() + "_restored%'"));
    }

    @Test
    void restoreProtectsMarkedDatabase() throws Exception {
        assumeTrue(TestPostgres.hostPgDumpFits(), "this machine has no pg_dump for PostgreSQL " + TestPostgres.serverMajor());
        MavenBuilds.Options options = new MavenBuilds.Options().backups();
        options.prepare((project, db) -> options.property("dbmig.restoreTo", db.name()));
        ItCase it = MavenBuilds.run("restore-protects-marked-database", options);
        try (Stream<Path> files = Files.list(it.project().resolve("target/dbmig/backups"))) {
            List<String> backups = files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".json")
                    && !n.endsWith(".sha256")).sorted().toList();
            assertEquals(2, backups.size(), backups.toString());
            assertTrue(backups.stream().allMatch(n -> n.endsWith(".sql.gz")), "the database's own <format>plain</format>: " + backups);
        }
        it.assertLogContains(2, "is <database> it, marked <protected>: replacing it also needs -Ddbmig.confirm=it");
        it.assertLogContains(3, "Restored it-");
        assertEquals(List.of("ada", "grace"), it.database().queryStrings("SELECT name FROM people ORDER BY id"));
    }

    @Test
    void lockTimeoutTypoIsNamed() throws Exception {
        ItCase it = MavenBuilds.run("lock-timeout-typo-is-named");
        it.assertLogContains(1, "<database> it: <lockTimeout> \"10 minutes\" is not a duration");
        assertFalse(it.log(1).contains(STACK_TRACE_LINE), it.log(1));
        assertFalse(it.database().tableExists("changelog"));
    }

    private static String camelCase(String folder) {
        StringBuilder name = new StringBuilder();
        for (String part : folder.split("-")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }
}
