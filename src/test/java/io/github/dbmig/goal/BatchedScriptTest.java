package io.github.dbmig.goal;

import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A transactional script travels to the server as one batch with dbmig's rows and the COMMIT; what dbmig promised when
 * it sent statement by statement still holds: all or nothing, the failing line with PostgreSQL's own words, the
 * notices, and dbmig's rows written as the connecting user.
 */
class BatchedScriptTest extends GoalTestBase {

    @Test
    void aStatementFailingInTheMiddleOfTwentyRollsBackTheWholeScriptAndSaysWhereAndWhy() throws Exception {
        scripts.write("1_base.sql", "CREATE TABLE base (id int, name text);\n");
        StringBuilder twenty = new StringBuilder("-- // twenty statements\n");
        for (int i = 1; i <= 20; i++) {
            twenty.append(
                    i == 11
                            ? "INSERT INTO base\n  VALUES (11, lower(11));\n"
                            : "INSERT INTO base VALUES (" + i + ", 'x');\n");
        }
        scripts.write("2_twenty.sql", twenty.toString());
        scripts.write("3_after.sql", "INSERT INTO base VALUES (99, 'after');\n");

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());

        assertEquals(
                "Database testdb: script " + scripts.dir().resolve("2_twenty.sql") + " failed at line 13 (up part,"
                        + " statement from line 12: INSERT INTO base …)\n"
                        + "  ERROR: function lower(integer) does not exist (SQLSTATE 42883)\n"
                        + "  Hint: No function matches the given name and argument types. You might need to add"
                        + " explicit type casts.\n"
                        + "It was rolled back; database testdb is at 1 (1 script(s) applied by this run before it stay"
                        + " applied).",
                e.getMessage());
        assertEquals(
                List.of(0L),
                db.queryLongs("SELECT count(*) FROM base"),
                "the ten statements before it are rolled back");
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertEquals(
                List.of("1 up"), db.queryStrings("SELECT script_id || ' ' || action FROM dbmig_history ORDER BY seq"));
    }

    @Test
    void aNoticeRaisedBeforeTheFailingStatementIsLoggedWithTheFileName() throws Exception {
        scripts.write(
                "1_noisy.sql",
                "DO $$ BEGIN RAISE NOTICE 'about to divide'; END $$;\n"
                        + "DO $$ BEGIN RAISE WARNING 'by zero'; END $$;\nSELECT 1 / 0;\n");

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());

        assertEquals(
                "Database testdb: script " + scripts.dir().resolve("1_noisy.sql") + " failed at line 3 (up part,"
                        + " statement from line 3: SELECT 1 / 0)\n  ERROR: division by zero (SQLSTATE 22012)\nIt was"
                        + " rolled back;"
                        + " database testdb is as it was, with no script applied (nothing was applied by this run).",
                e.getMessage());
        assertEquals(List.of(), db.changelogIds("changelog"));
        List<String> script = log.lines.stream()
                .filter(line -> line.contains("1_noisy.sql: "))
                .toList();
        assertEquals(
                List.of("INFO 1_noisy.sql: NOTICE: about to divide", "WARN 1_noisy.sql: WARNING: by zero"), script);
    }

    @Test
    void scriptsUnderAnotherRoleAmongOthersWriteDbmigsRowsAsTheConnectingUser() throws Exception {
        String role = "writer_" + Integer.toHexString(db.name().hashCode());
        db.execute("CREATE ROLE " + role + " NOLOGIN; GRANT CREATE ON SCHEMA public TO " + role);
        scripts.write("1_base.sql", "CREATE TABLE base (id int);\n");
        scripts.write("2_owned.sql", "-- dbmig:role=" + role + "\nCREATE TABLE owned (id int);\n");
        scripts.write("3_more.sql", "-- dbmig:role=" + role + "\nCREATE TABLE more (id int);\n");
        scripts.write("4_plain.sql", "CREATE TABLE plain (id int);\n");

        operations().upgrade(UpgradeRequest.all()).done();

        assertEquals(
                List.of(db.username(), role, role, db.username()),
                db.queryStrings("SELECT tableowner FROM pg_tables"
                        + " WHERE tablename IN ('base', 'owned', 'more', 'plain') ORDER BY"
                        + " array_position(ARRAY['base', 'owned', 'more', 'plain'],"
                        + " tablename::text)"));
        assertEquals(List.of(1L, 2L, 3L, 4L), db.changelogIds("changelog"));
        assertEquals(
                List.of(db.username() + " 1", db.username() + " 2", db.username() + " 3", db.username() + " 4"),
                db.queryStrings("SELECT db_user || ' ' || script_id FROM dbmig_history ORDER BY seq"));
        assertEquals(
                List.of("false"),
                db.queryStrings("SELECT has_table_privilege('" + role + "', 'changelog', 'INSERT')::text"),
                "the role could not have written the changelog row itself");
    }
}
