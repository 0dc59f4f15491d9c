package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scripts outside a transaction, under another role, and behind a table lock; against a real PostgreSQL. */
class ExecutionModesTest extends GoalTestBase {

    @BeforeEach
    void writeScripts() {
        scripts.write(
                "1_people.sql",
                "CREATE TABLE people (id int PRIMARY KEY, name text);\n"
                        + "INSERT INTO people VALUES (1, 'ada'), (2, 'ada'), (3, 'grace');\n");
    }

    private DatabaseOperations operations(Duration ddlLockTimeout) {
        return operations(database(db, null, ddlLockTimeout, Map.of()), TEST_RUN);
    }

    @Test
    void createIndexConcurrentlyRunsOutsideATransaction() throws Exception {
        scripts.write(
                "2_index.sql",
                "-- // a concurrent index\nCREATE INDEX CONCURRENTLY people_name ON people (name);\n"
                        + "-- //@UNDO\nDROP INDEX CONCURRENTLY people_name;\n");
        assertEquals(
                List.of(ScriptId.of(1), ScriptId.of(2)),
                operations().upgrade(UpgradeRequest.all()).done());
        assertEquals(
                List.of("true"),
                db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'people_name'::regclass"));
        assertTrue(log.contains("Running 2_index.sql outside a transaction"), log.toString());
        assertEquals(
                List.of("running", "up"),
                db.queryStrings("SELECT action FROM dbmig_history WHERE script_id = 2 ORDER BY seq"));
        assertEquals(List.of(), operations().problems(null));

        assertEquals(
                List.of(ScriptId.of(2)),
                operations().downgrade(DowngradeRequest.undoing(1)).done());
        assertFalse(db.tableExists("people_name"));
    }

    @Test
    void failedConcurrentIndexLeavesAVisibleStateAndNamesTheInvalidIndex() throws Exception {
        scripts.write("2_unique.sql", "CREATE UNIQUE INDEX CONCURRENTLY people_name_unique ON people (name);\n");

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());

        assertTrue(e.getMessage().contains("2_unique.sql failed at line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("index public.people_name_unique is INVALID"), e.getMessage());
        assertTrue(e.getMessage().contains("recorded as failed"), e.getMessage());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        List<String> problems = operations().problems(null);
        Instant failedAt;
        try (Connection c = db.connect();
                Statement q = c.createStatement();
                ResultSet rs = q.executeQuery("SELECT started_at FROM dbmig_history WHERE action = 'failed'")) {
            rs.next();
            failedAt = rs.getTimestamp(1).toInstant();
        }
        assertEquals(
                List.of(
                        "pending: 2_unique.sql",
                        "script 2 failed outside a transaction at " + failedAt
                                + " (failed at line 1 after 0 of 1 statement(s): ERROR:"
                                + " could not create unique index \"people_name_unique\"); fix it and run upgrade"
                                + " again, or finish the"
                                + " change by hand and record it with dbmig:stamp",
                        "index public.people_name_unique is INVALID (left by a failed CREATE INDEX CONCURRENTLY or"
                                + " REINDEX"
                                + " CONCURRENTLY): DROP INDEX CONCURRENTLY public.people_name_unique before running"
                                + " the script again"),
                problems);

        db.execute("DROP INDEX people_name_unique; UPDATE people SET name = 'ada lovelace' WHERE id = 1");
        assertEquals(
                List.of(ScriptId.of(2)),
                operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(log.contains("script 2 failed outside a transaction"), log.toString());
        assertEquals(List.of(), operations().problems(null));
    }

    @Test
    void transactionNoneHeaderKeepsTheStatementsBeforeAFailure() throws Exception {
        scripts.write(
                "2_steps.sql",
                "-- // two steps\n-- dbmig:transaction=none\nCREATE TABLE step_one (id int);\nSELECT 1/0;\n");
        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertEquals(
                "Database testdb: script " + scripts.dir().resolve("2_steps.sql")
                        + " failed at line 4 (up part, statement"
                        + " from line 4: SELECT 1/0)\n  ERROR: division by zero (SQLSTATE 22012)\nThis script runs"
                        + " outside a transaction"
                        + " (it holds a statement such as CREATE INDEX CONCURRENTLY, or a -- dbmig:transaction=none"
                        + " header): the 1"
                        + " statement(s) of it before the failing one stay applied, and the script is recorded as"
                        + " failed. Fix it and"
                        + " run upgrade again (make the statements that already ran safe to repeat, e.g. IF NOT"
                        + " EXISTS), or finish the"
                        + " change by hand and record it with dbmig:stamp.\nIts changelog says database testdb is at"
                        + " 1; the 1"
                        + " script(s) applied by this run before it stay applied.",
                e.getMessage());
        assertTrue(db.tableExists("step_one"), "outside a transaction, the first statement stays");
        assertEquals(
                List.of("failed at line 4 after 1 of 2 statement(s): ERROR: division by zero"),
                db.queryStrings("SELECT detail FROM dbmig_history WHERE action = 'failed'"));
    }

    @Test
    void unknownHeaderIsRefused() {
        scripts.write("2_typo.sql", "-- dbmig:transation=none\nSELECT 1;\n");
        SetupException e = assertThrows(
                SetupException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(e.getMessage().contains("2_typo.sql line 1: unknown dbmig header"), e.getMessage());
    }

    @Test
    void roleScriptRunsUnderThatRoleAndRecordsAsTheUser() throws Exception {
        String role = "owner_" + Integer.toHexString(db.name().hashCode());
        db.execute("CREATE ROLE " + role + " NOLOGIN; GRANT CREATE ON SCHEMA public TO " + role);
        scripts.write(
                "2_owned.sql",
                "-- // owned by the application role\n-- dbmig:role=" + role + "\nCREATE TABLE owned (id int);\n");
        operations().upgrade(UpgradeRequest.all()).done();
        assertEquals(List.of(role), db.queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'owned'"));
        assertEquals(
                List.of(db.username()),
                db.queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'changelog'"));
        assertEquals(List.of(db.username()), db.queryStrings("SELECT DISTINCT db_user FROM dbmig_history"));
    }

    @Test
    void unknownRoleFailsBeforeAnythingRuns() throws Exception {
        scripts.write("2_owned.sql", "-- dbmig:role=no_such_role\nCREATE TABLE owned (id int);\n");
        SetupException e = assertThrows(
                SetupException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(e.getMessage().contains("no_such_role names a role that does not exist"), e.getMessage());
        assertFalse(db.tableExists("people"), "nothing may run, not even script 1");
    }

    @Test
    void statementBehindATableLockIsRetriedThenSucceeds() throws Exception {
        operations().upgrade(UpgradeRequest.all()).done();
        scripts.write("2_column.sql", "ALTER TABLE people ADD COLUMN nickname text;\n");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE people IN ACCESS EXCLUSIVE MODE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    holder.commit();
                } catch (Exception ignored) {
                    // the test fails on its own if the lock is never released
                }
            });
            release.start();
            operations(Duration.ofMillis(200)).upgrade(UpgradeRequest.all()).done();
            release.join();
        }
        assertTrue(log.contains("a table lock was not granted within lock_timeout; retry 1 of 3"), log.toString());
        assertEquals(List.of(1L, 2L), db.changelogIds("changelog"));
    }

    @Test
    void statementBehindATableLockFailsClearlyAfterTheRetries() throws Exception {
        operations().upgrade(UpgradeRequest.all()).done();
        scripts.write("2_column.sql", "ALTER TABLE people ADD COLUMN nickname text;\n");
        try (Connection holder = db.connect();
                Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE people IN ACCESS EXCLUSIVE MODE");
            MigrationFailedException e = assertThrows(
                    MigrationFailedException.class,
                    () -> operations(Duration.ofMillis(100))
                            .upgrade(UpgradeRequest.all())
                            .done());
            assertTrue(e.getMessage().contains("lock timeout"), e.getMessage());
            assertTrue(e.getMessage().contains("not granted within lock_timeout in 4 attempt(s)"), e.getMessage());
            holder.rollback();
        }
        assertEquals(List.of(1L), db.changelogIds("changelog"));
    }

    @Test
    void dryRunPlansTheExactSqlAndChangesNothing() throws Exception {
        scripts.write(
                "2_tenant.sql",
                "-- // tenant\nINSERT INTO people VALUES (4, '${tenant}');\n-- //@UNDO\nDELETE FROM people WHERE id ="
                        + " 4;\n");
        scripts.write("3_index.sql", "CREATE INDEX CONCURRENTLY people_name ON people (name);\n");
        DatabaseOperations operations =
                operations(database(db, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of("tenant", "acme")), TEST_RUN);

        assertEquals(
                List.of(), operations.upgrade(UpgradeRequest.all().dryRun(true)).done());

        String sql = Files.readString(tmp.resolve("out/testdb-upgrade.sql"));
        assertTrue(sql.contains("CREATE TABLE IF NOT EXISTS \"public\".\"changelog\""), sql);
        assertTrue(sql.contains("BEGIN;\nCREATE TABLE people (id int PRIMARY KEY, name text);"), sql);
        assertTrue(sql.contains("INSERT INTO people VALUES (4, 'acme');"), sql);
        assertTrue(sql.contains("3_index.sql (up part): outside a transaction"), sql);
        assertTrue(sql.contains("INSERT INTO \"public\".\"changelog\" (ID, APPLIED_AT, DESCRIPTION) VALUES (3, "), sql);
        assertTrue(
                log.lines.contains("INFO Dry run: Database testdb: upgrade would apply 3 script(s): 1_people.sql,"
                        + " 2_tenant.sql, 3_index.sql."),
                log.toString());
        assertFalse(db.tableExists("changelog"), "a dry run creates nothing");
        assertFalse(db.tableExists("people"));

        operations.upgrade(UpgradeRequest.to(ScriptId.of(2))).done();
        assertEquals(
                List.of(),
                operations.downgrade(DowngradeRequest.undoing(1).dryRun(true)).done());
        String down = Files.readString(tmp.resolve("out/testdb-downgrade.sql"));
        assertTrue(
                down.contains("DELETE FROM people WHERE id = 4;\nDELETE FROM \"public\".\"changelog\" WHERE ID = 2;"),
                down);
        assertEquals(List.of(1L, 2L), db.changelogIds("changelog"));
    }

    @Test
    void aDryRunWarnsAsARealRunWouldAboutMissingFilesAndUnfinishedScripts() throws Exception {
        scripts.write("2_unique.sql", "CREATE UNIQUE INDEX CONCURRENTLY people_name_unique ON people (name);\n");
        assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        db.execute("DROP INDEX people_name_unique");
        Files.delete(scripts.dir().resolve("1_people.sql"));
        Instant failedAt;
        try (Connection c = db.connect();
                Statement q = c.createStatement();
                ResultSet rs = q.executeQuery("SELECT started_at FROM dbmig_history WHERE action = 'failed'")) {
            rs.next();
            failedAt = rs.getTimestamp(1).toInstant();
        }
        log.lines.clear();

        assertEquals(
                List.of(),
                operations().upgrade(UpgradeRequest.all().dryRun(true)).done());

        List<String> warnings = List.of(
                "Database testdb: applied script 1 (people) has no file in " + scripts.dir() + ".",
                "Database testdb: script 2 failed outside a transaction at " + failedAt
                        + " (failed at line 1 after 0 of 1"
                        + " statement(s): ERROR: could not create unique index \"people_name_unique\"); fix it and run"
                        + " upgrade"
                        + " again, or finish the change by hand and record it with dbmig:stamp");
        String sql = Files.readString(tmp.resolve("out/testdb-upgrade.sql"));
        assertEquals(
                warnings.stream().map(w -> "-- warning: " + w).toList(),
                sql.lines().filter(l -> l.startsWith("-- warning: ")).toList(),
                sql);
        assertEquals(
                warnings.stream().map(w -> "WARN " + w).toList(),
                log.lines.stream().filter(l -> l.startsWith("WARN ")).toList(),
                log.toString());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
    }
}
