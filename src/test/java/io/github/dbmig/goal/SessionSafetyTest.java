package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What production databases do to a run: other spellings of the changelog, idle timeouts, scripts that change the
 * session.
 */
class SessionSafetyTest extends GoalTestBase {

    @AfterEach
    void defaultWaitLog() {
        System.clearProperty("dbmig.waitLogSeconds");
    }

    @Test
    void everySpellingOfTheChangelogSharesOneLock() throws Exception {
        scripts.write(
                "1_slow.sql", "CREATE TABLE hits (n int);\nINSERT INTO hits VALUES (1);\nSELECT pg_sleep(1.5);\n");
        scripts.write("2_next.sql", "INSERT INTO hits VALUES (2);\n");
        DatabaseOperations spelledOut =
                operations(database(db, "public", Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<List<ScriptId>> first =
                pool.submit(() -> spelledOut.upgrade(UpgradeRequest.all()).done());
        Thread.sleep(500);
        Future<List<ScriptId>> second =
                pool.submit(() -> operations().upgrade(UpgradeRequest.all()).done());

        assertEquals(List.of(ScriptId.of(1), ScriptId.of(2)), first.get());
        assertEquals(List.of(), second.get());
        pool.shutdown();
        assertEquals(List.of(1L, 2L), db.queryLongs("SELECT n FROM hits ORDER BY n"));
        assertTrue(
                log.toString()
                        .contains(
                                "INFO Waiting for the dbmig lock on database testdb (public.changelog), held by pid "),
                log.toString());
    }

    @Test
    void idleTimeoutsOfTheServerDoNotEndARun() throws Exception {
        db.execute("ALTER DATABASE " + db.name() + " SET idle_session_timeout = '1s'");
        scripts.write("1_slow.sql", "CREATE TABLE hits (n int);\nSELECT pg_sleep(2);\nINSERT INTO hits VALUES (1);\n");
        scripts.write("2_next.sql", "INSERT INTO hits VALUES (2);\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<List<ScriptId>> first =
                pool.submit(() -> operations().upgrade(UpgradeRequest.all()).done());
        Thread.sleep(1500); // with an idle lock session killed after 1 s, a second run would start now
        Future<List<ScriptId>> second =
                pool.submit(() -> operations().upgrade(UpgradeRequest.all()).done());

        assertEquals(List.of(ScriptId.of(1), ScriptId.of(2)), first.get());
        assertEquals(List.of(), second.get());
        pool.shutdown();
        assertEquals(List.of(1L, 2L), db.queryLongs("SELECT n FROM hits ORDER BY n"));
        try (DatabaseSession session =
                        DatabaseSession.open(database(db, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()));
                Statement statement = session.connection().createStatement()) {
            Thread.sleep(1500);
            try (ResultSet rs = statement.executeQuery("SELECT current_setting('idle_session_timeout')")) {
                rs.next();
                assertEquals(
                        "0", rs.getString(1), "dbmig's session is not ended for being idle, during a long backup say");
            }
        }
    }

    @Test
    void aScriptThatReleasesTheLockIsNotCommittedAndNothingRunsAfterIt() throws Exception {
        scripts.write("1_a.sql", "CREATE TABLE a (id int);\n");
        scripts.write("2_unlock.sql", "CREATE TABLE b (id int);\nSELECT pg_advisory_unlock_all();\n");
        scripts.write("3_c.sql", "CREATE TABLE c (id int);\n");

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());

        assertEquals(
                "Database testdb: script " + scripts.dir().resolve("2_unlock.sql")
                        + " ran, but dbmig no longer held its lock"
                        + " when it was to record it (did the script release advisory locks, with"
                        + " pg_advisory_unlock_all() or DISCARD"
                        + " ALL?), so it was not committed and nothing further runs.\nIt was rolled back; database"
                        + " testdb is at 1 (1"
                        + " script(s) applied by this run before it stay applied).",
                e.getMessage());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertFalse(db.tableExists("b"));
        assertFalse(db.tableExists("c"));
    }

    @Test
    void whatAScriptDoesToTheSessionEndsWithTheScript() throws Exception {
        db.execute("CREATE ROLE ss_app_" + db.name() + " NOLOGIN; GRANT ss_app_" + db.name() + " TO " + db.username()
                + "; GRANT CREATE ON SCHEMA public TO ss_app_" + db.name());
        scripts.write("1_other.sql", "CREATE SCHEMA other;\nSET search_path TO other;\nCREATE TABLE foo (id int);\n");
        scripts.write("2_bar.sql", "CREATE TABLE bar (id int);\n");
        scripts.write(
                "3_dump.sql",
                "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.baz (id int);\n");
        scripts.write("4_qux.sql", "CREATE TABLE qux (id int);\n");
        scripts.write("5_role.sql", "SET ROLE ss_app_" + db.name() + ";\nCREATE TABLE by_role (id int);\n");
        scripts.write("6_mine.sql", "CREATE TABLE mine (id int);\nSET statement_timeout = '1ms';\n");
        scripts.write("7_slow.sql", "SELECT pg_sleep(0.1);\n");

        operations().upgrade(UpgradeRequest.all()).done();

        assertEquals(
                List.of("other.foo", "public.bar", "public.baz", "public.by_role", "public.mine", "public.qux"),
                db.queryStrings("SELECT schemaname || '.' || tablename FROM pg_tables WHERE tablename IN"
                        + " ('foo', 'bar', 'baz', 'qux', 'by_role', 'mine') ORDER BY 1"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), db.changelogIds("public.changelog"));
        assertFalse(db.tableExists("other.changelog"));
        assertEquals(
                List.of("ss_app_" + db.name(), db.username()),
                db.queryStrings(
                        "SELECT tableowner FROM pg_tables WHERE tablename IN ('by_role', 'mine') ORDER BY tablename"));
        assertEquals(List.of(db.username()), db.queryStrings("SELECT DISTINCT db_user FROM dbmig_history"));
    }

    @Test
    void aLongStatementIsReportedWhileItRuns() throws Exception {
        System.setProperty("dbmig.waitLogSeconds", "1");
        scripts.write("1_slow.sql", "-- // slow\nSELECT pg_sleep(2.5);\n");

        operations().upgrade(UpgradeRequest.all()).done();

        assertEquals(
                List.of(
                        "INFO Database testdb: still waiting for PostgreSQL to finish script 1_slow.sql (1 s so far).",
                        "INFO Database testdb: still waiting for PostgreSQL to finish script 1_slow.sql (2 s so far)."),
                log.lines.stream().filter(l -> l.contains("still waiting")).toList());
    }

    @Test
    void temporaryDatabasesThatAKilledRunLeftAreDroppedAndOnlyThose() throws Exception {
        scripts.table("1_a.sql", "a");
        String left = "leftover_dbmig_0a1b2c3d";
        String inUse = "in_use_dbmig_4e5f6a7b";
        String users = "users_copy_dbmig_restored";
        try (Connection admin = TestPostgres.adminConnection();
                Statement s = admin.createStatement()) {
            for (String name : List.of(left, inUse, users)) {
                s.execute("CREATE DATABASE " + name);
                s.execute("COMMENT ON DATABASE " + name
                        + " IS 'dbmig temporary database (restore of x.dump into y), made by"
                        + " process 1; dbmig drops it if a killed build left it behind'");
            }
        }
        String maintenance = "jdbc:postgresql://" + TestPostgres.server().getHost() + ":"
                + TestPostgres.server().getMappedPort(5432) + "/postgres";
        try (Connection guard = DriverManager.getConnection(maintenance, db.username(), db.password());
                Statement s = guard.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + 0x64626d74 + ", " + crc(inUse) + ")"); // a running restore's guard

            operations().status();
        }

        assertEquals(
                List.of(inUse, users),
                db.queryStrings("SELECT datname FROM pg_database WHERE datname LIKE '%_dbmig_%'" + " ORDER BY 1"));
        assertEquals(
                List.of("INFO Dropped " + left
                        + ", a temporary database that an interrupted dbmig run left behind on the"
                        + " server of testdb."),
                log.lines.stream().filter(l -> l.contains("Dropped")).toList());
    }

    private static int crc(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
