package io.github.dbmig.goal;

import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many transactional scripts go out in one flight, each in its own transaction with its rows: a failure in the middle
 * leaves the scripts before it committed, rolls the failing one back and runs nothing after it; each notice is
 * forwarded with its own script's file name; a script outside a transaction runs between two flights.
 */
class FlightsTest extends GoalTestBase {

    @Test
    void aFailureInTheThirtySeventhOfAHundredScriptsKeepsTheThirtySixBeforeItAndRunsNothingAfterIt() throws Exception {
        for (int i = 1; i <= 100; i++) {
            scripts.write(
                    i + "_t" + i + ".sql",
                    i == 37
                            ? "CREATE TABLE t37 (id int);\nINSERT INTO t37\n  VALUES (1 / 0);\n"
                            : "CREATE TABLE t" + i + " (id int);\n");
        }

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());

        assertEquals(
                "Database testdb: script " + scripts.dir().resolve("37_t37.sql") + " failed at line 2 (up part,"
                        + " statement from line 2: INSERT INTO t37 …)\n"
                        + "  ERROR: division by zero (SQLSTATE 22012)\n"
                        + "It was rolled back; database testdb is at 36 (36 script(s) applied by this run before it"
                        + " stay applied).",
                e.getMessage());
        List<Long> first36 = LongStream.rangeClosed(1, 36).boxed().toList();
        assertEquals(first36, db.changelogIds("changelog"));
        assertEquals(
                first36, db.queryLongs("SELECT script_id::bigint FROM dbmig_history WHERE action = 'up' ORDER BY seq"));
        assertEquals(
                first36,
                db.queryLongs("SELECT substr(tablename, 2)::bigint AS n FROM pg_tables"
                        + " WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$' ORDER BY n"),
                "t37 is rolled back with its script, and no script after it ran");
        List<String> applied = log.lines.stream()
                .filter(line -> line.startsWith("INFO Applied "))
                .map(line -> line.replaceFirst(" \\(\\d+ ms\\)$", ""))
                .toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 36; i++) {
            expected.add("INFO Applied " + i + "_t" + i + ".sql to testdb");
        }
        assertEquals(expected, applied);

        scripts.write("37_t37.sql", "CREATE TABLE t37 (id int);\n");
        List<ScriptId> rest = operations().upgrade(UpgradeRequest.all()).done();
        assertEquals(64, rest.size());
        assertEquals(LongStream.rangeClosed(1, 100).boxed().toList(), db.changelogIds("changelog"));
        assertEquals(List.of(), operations().problems(null), "the fingerprint describes the 100 scripts");
    }

    @Test
    void eachNoticeOfAFlightIsForwardedWithItsOwnScriptsFileName() throws Exception {
        scripts.write("1_a.sql", "DO $$ BEGIN RAISE NOTICE 'from a'; END $$;\n");
        scripts.write("2_b.sql", "CREATE TABLE quiet (id int);\n");
        scripts.write(
                "3_c.sql",
                "DO $$ BEGIN RAISE NOTICE 'from c, first'; END $$;\n"
                        + "DO $$ BEGIN RAISE WARNING 'from c, second'; END $$;\n");
        scripts.write("4_d.sql", "DO $$ BEGIN RAISE NOTICE 'from d'; END $$;\n");

        operations().upgrade(UpgradeRequest.all()).done();

        List<String> notices =
                log.lines.stream().filter(line -> line.contains(".sql: ")).toList();
        assertEquals(
                List.of(
                        "INFO 1_a.sql: NOTICE: from a",
                        "INFO 3_c.sql: NOTICE: from c, first",
                        "WARN 3_c.sql: WARNING: from c, second",
                        "INFO 4_d.sql: NOTICE: from d"),
                notices);
        assertFalse(log.toString().contains("dbmig-flight"), "dbmig's own markers are not forwarded: " + log);
    }

    @Test
    void aScriptOutsideATransactionRunsBetweenTwoFlights() throws Exception {
        scripts.write("1_people.sql", "CREATE TABLE people (id int, name text);\n");
        scripts.write("2_fill.sql", "INSERT INTO people VALUES (1, 'ada');\n");
        scripts.write("3_index.sql", "CREATE INDEX CONCURRENTLY people_name ON people (name);\n");
        scripts.write("4_more.sql", "INSERT INTO people VALUES (2, 'grace');\n");
        scripts.write("5_last.sql", "ALTER TABLE people ADD COLUMN born int;\n");

        operations().upgrade(UpgradeRequest.all()).done();

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), db.changelogIds("changelog"));
        assertEquals(
                List.of("true"),
                db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'people_name'::regclass"));
        assertEquals(List.of(2L), db.queryLongs("SELECT count(*) FROM people"));
        assertEquals(
                List.of("1 up", "2 up", "3 up", "4 up", "5 up"),
                db.queryStrings("SELECT script_id || ' ' || action FROM dbmig_history"
                        + " WHERE action <> 'running' ORDER BY seq"));
        assertEquals(List.of(), operations().problems(null));
        assertTrue(log.contains("Database testdb: applied 5 script(s), now at 5."), log.toString());
    }
}
