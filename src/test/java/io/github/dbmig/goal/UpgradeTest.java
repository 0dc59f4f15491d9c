package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.migration.session.AdvisoryLock;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What dbmig:upgrade does to one database, against a real PostgreSQL: it applies the pending scripts in id order and
 * records them as MyBatis Migrations does, stops at a target, rolls a failing script back whole and names its line,
 * refuses before anything runs what could not run, and applies each script once however many runs start together.
 */
class UpgradeTest extends GoalTestBase {

    private DatabaseOperations operations(String schema, Map<String, String> variables) {
        return operations(database(db, schema, Database.DEFAULT_LOCK_TIMEOUT, variables), TEST_RUN);
    }

    @Test
    void upgradeAppliesScriptsInIdOrderAndRecordsThemInMyBatisLayout() throws Exception {
        scripts.write(
                "2_add_orders.sql", "CREATE TABLE orders (id int primary key, customer int references customers);\n");
        scripts.table("1_add_customers.sql", "customers");

        List<ScriptId> applied = operations().upgrade(UpgradeRequest.all()).done();

        assertEquals(List.of(ScriptId.of(1), ScriptId.of(2)), applied);
        assertTrue(db.tableExists("orders"));
        assertEquals(List.of(1L, 2L), db.changelogIds("changelog"));
        assertEquals(
                List.of(
                        "id numeric(20,0) NO",
                        "applied_at character varying(25) NO",
                        "description character varying(255) NO"),
                db.queryStrings("SELECT column_name || ' ' || format_type(atttypid, atttypmod) || ' ' || is_nullable"
                        + " FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid ="
                        + " 'changelog'::regclass"
                        + " AND a.attname = c.column_name WHERE c.table_name = 'changelog' ORDER BY"
                        + " c.ordinal_position"));
        assertEquals(
                List.of("add customers", "add orders"),
                db.queryStrings("SELECT description FROM changelog ORDER BY id"));
        assertEquals(
                List.of("p"),
                db.queryStrings("SELECT contype::text FROM pg_constraint WHERE conrelid = 'changelog'::regclass"));
    }

    @Test
    void secondUpgradeAppliesNothing() throws Exception {
        scripts.write("1_counter.sql", "CREATE TABLE runs (n int);\nINSERT INTO runs VALUES (1);\n");
        operations().upgrade(UpgradeRequest.all()).done();
        assertEquals(List.of(), operations().upgrade(UpgradeRequest.all()).done());
        assertEquals(List.of(1L), db.queryLongs("SELECT count(*) FROM runs"));
        assertTrue(log.contains("up to date at 1"));
    }

    @Test
    void upgradeStopsAtTarget() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("2_b.sql", "b");
        scripts.table("3_c.sql", "c");
        operations().upgrade(UpgradeRequest.to(ScriptId.of(2))).done();
        assertEquals(List.of(1L, 2L), db.changelogIds("changelog"));
        assertFalse(db.tableExists("c"));
        SetupException unknown = assertThrows(
                SetupException.class,
                () -> operations().upgrade(UpgradeRequest.to(ScriptId.of(7))).done());
        assertTrue(unknown.getMessage().contains("dbmig.target=7"), unknown.getMessage());
    }

    @Test
    void failingScriptIsRolledBackWholeAndNamedWithItsLine() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.write(
                "2_bad.sql",
                "-- // bad\nCREATE TABLE half (id int);\n\nINSERT INTO half\n  SELECT no_such_column FROM a;\n");
        scripts.table("3_c.sql", "c");

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());

        assertEquals(
                "Database testdb: script " + scripts.dir().resolve("2_bad.sql")
                        + " failed at line 5 (up part, statement"
                        + " from line 4: INSERT INTO half …)\n  ERROR: column \"no_such_column\" does not exist"
                        + " (SQLSTATE 42703)\n"
                        + "It was rolled back; database testdb is at 1 (1 script(s) applied by this run before it stay"
                        + " applied).",
                e.getMessage());
        assertFalse(db.tableExists("half"), "the failing script's first statement must be rolled back too");
        assertFalse(db.tableExists("c"));
        assertEquals(List.of(1L), db.changelogIds("changelog"));
    }

    @Test
    void wholeScriptsWithDollarQuotesDoBlocksAndSemicolonsInStringsRun() throws Exception {
        scripts.write("1_functions.sql", """
                CREATE TABLE notes (body text);
                INSERT INTO notes VALUES ('a; b'), (E'it\\'s; fine'), ('-- not a comment; really');
                /* a comment; with /* nested; */ semicolons */
                CREATE FUNCTION touch(t text) RETURNS text LANGUAGE plpgsql AS $body$
                BEGIN
                  RETURN t || ';';
                END;
                $body$;
                DO $$ BEGIN RAISE NOTICE 'hello from DO; block'; END $$;
                CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT i + 1;
                END;
                """);
        operations().upgrade(UpgradeRequest.all()).done();
        assertEquals(
                List.of("a; b", "it's; fine", "-- not a comment; really"), db.queryStrings("SELECT body FROM notes"));
        assertEquals(List.of("x;"), db.queryStrings("SELECT touch('x')"));
        assertEquals(List.of(3L), db.queryLongs("SELECT add_one(2)"));
        assertTrue(log.contains("NOTICE: hello from DO; block"), log.toString());
    }

    @Test
    void errorInsideDoBlockNamesTheFileLine() {
        scripts.write("1_do.sql", "SELECT 1;\nDO $$\nBEGIN\n  PERFORM 1;\n  RAISE EXCEPTION 'boom';\nEND $$;\n");
        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(e.getMessage().contains("failed at line 5"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void outOfOrderScriptsAreRefusedUnlessAllowed() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("3_c.sql", "c");
        operations().upgrade(UpgradeRequest.all()).done();
        scripts.table("2_b.sql", "b");

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(e.getMessage().contains("2_b.sql"), e.getMessage());
        assertFalse(db.tableExists("b"));

        assertEquals(
                List.of(ScriptId.of(2)),
                operations().upgrade(UpgradeRequest.all().outOfOrder(true)).done());
        assertEquals(List.of(1L, 2L, 3L), db.changelogIds("changelog"));
    }

    @Test
    void transactionControlInAScriptIsRefusedBeforeAnythingRuns() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.write("2_commit.sql", "CREATE TABLE b (id int);\nCOMMIT;\n");
        SetupException e = assertThrows(
                SetupException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(e.getMessage().contains("2_commit.sql line 2"), e.getMessage());
        assertFalse(db.tableExists("a"));
    }

    @Test
    void undefinedVariableFailsBeforeAnythingRuns() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.write("2_tenant.sql", "-- // tenant\nINSERT INTO a VALUES (1, '${tenant}');\n");
        SetupException e = assertThrows(
                SetupException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(e.getMessage().contains("2_tenant.sql line 2: ${tenant} is not defined"), e.getMessage());
        assertFalse(db.tableExists("a"));

        operations(null, Map.of("tenant", "acme")).upgrade(UpgradeRequest.all()).done();
        assertEquals(List.of("acme"), db.queryStrings("SELECT v FROM a"));
    }

    @Test
    void schemaHoldsTheChangelogAndTheObjectsAndFillsSchemaVariable() throws Exception {
        scripts.write(
                "1_people.sql",
                "CREATE TABLE people (id int);\nCOMMENT ON TABLE ${schema}.people IS 'in ${schema}';\n");
        operations("app", Map.of("schema", "app")).upgrade(UpgradeRequest.all()).done();
        assertTrue(db.tableExists("app.people"));
        assertEquals(List.of(1L), db.changelogIds("app.changelog"));
        assertFalse(db.tableExists("public.changelog"));
        assertEquals(List.of("in app"), db.queryStrings("SELECT obj_description('app.people'::regclass)"));
    }

    @Test
    void simultaneousUpgradesApplyEachScriptOnceAndAllSucceed() throws Exception {
        for (int i = 1; i <= 20; i++) {
            scripts.write(
                    i + "_step.sql",
                    "CREATE TABLE IF NOT EXISTS hits (script int);\nINSERT INTO hits VALUES (" + i + ");\n"
                            + "SELECT pg_sleep(0.01);\n");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<ScriptId>>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(
                    pool.submit(() -> operations().upgrade(UpgradeRequest.all()).done()));
        }
        int total = 0;
        for (Future<List<ScriptId>> run : runs) {
            total += run.get().size();
        }
        pool.shutdown();
        assertEquals(20, total);
        assertEquals(List.of(20L), db.queryLongs("SELECT count(DISTINCT script) FROM hits"));
        assertEquals(List.of(20L), db.queryLongs("SELECT count(*) FROM hits"));
    }

    @Test
    void waitingRunLogsWhoHoldsTheLockAndTimesOut() throws Exception {
        scripts.table("1_a.sql", "a");
        try (Connection holder = db.connect()) {
            holder.createStatement().execute("SET application_name = 'other-deploy'");
            holder.createStatement()
                    .execute("SELECT pg_advisory_lock(" + 0x64626d67 + ", " + AdvisoryLock.keyOf("public.changelog")
                            + ")");
            DatabaseOperations impatient = new DatabaseOperations(
                    database(db, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()),
                    context(TEST_RUN, Duration.ofMillis(700)));
            MigrationFailedException e = assertThrows(
                    MigrationFailedException.class,
                    () -> impatient.upgrade(UpgradeRequest.all()).done());
            assertTrue(e.getMessage().contains("dbmig.lockWait"), e.getMessage());
            assertTrue(log.contains("application other-deploy"), log.toString());
        }
        assertFalse(db.tableExists("a"));
    }
}
