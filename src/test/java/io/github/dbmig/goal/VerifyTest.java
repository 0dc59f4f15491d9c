package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.schema.SchemaFingerprinter;
import io.github.dbmig.testing.GoalTestBase;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drift, verify scripts and the checks of dbmig:verify, against a real PostgreSQL. */
class VerifyTest extends GoalTestBase {

    @BeforeEach
    void writeScripts() {
        scripts.write("1_people.sql", """
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE TABLE people (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL DEFAULT '',
                  mood mood, CONSTRAINT name_not_blank CHECK (name <> 'x'));
                CREATE INDEX people_name ON people (name);
                CREATE FUNCTION touch(t text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN t; END $$;
                CREATE VIEW cheerful AS SELECT name FROM people WHERE mood = 'happy';
                CREATE SEQUENCE tickets START 100;
                """);
    }

    private DatabaseOperations operations(TestDatabase database) {
        return operations(database(database, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN);
    }

    @Test
    void untouchedDatabasePassesAndStatisticsOrDataAreNotDrift() throws Exception {
        operations(db).upgrade(UpgradeRequest.all()).done();
        db.execute("INSERT INTO people (name) SELECT 'p' || g FROM generate_series(1, 100) g; ANALYZE people;"
                + " SELECT nextval('tickets');");
        assertEquals(List.of(), operations(db).problems("1"));
    }

    @Test
    void handMadeChangesAreReportedReadably() throws Exception {
        operations(db).upgrade(UpgradeRequest.all()).done();
        db.execute("ALTER TABLE people ADD COLUMN nickname text;"
                + " CREATE OR REPLACE FUNCTION touch(t text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN"
                + " upper(t); END $$;"
                + " DROP INDEX people_name; ALTER TYPE mood ADD VALUE 'neutral'; ALTER TABLE people ALTER"
                + " COLUMN name DROP DEFAULT;");

        List<String> problems = operations(db).problems(null);

        assertEquals(
                List.of(
                        "drift: function public.touch(text): body changed",
                        "drift: table public.people: column name changed (text not null default ''::text -> text not"
                                + " null)",
                        "drift: table public.people: column nickname added (text)",
                        "drift: table public.people: index people_name removed",
                        "drift: type public.mood changed (enum ('happy', 'sad') -> enum ('happy', 'sad', 'neutral'))"),
                problems);
    }

    @Test
    void sameScriptsGiveTheSameFingerprintAndDbmigTablesAreLeftOut() throws Exception {
        TestDatabase other = TestPostgres.freshDatabase("verify_other");
        operations(db).upgrade(UpgradeRequest.all()).done();
        operations(other).upgrade(UpgradeRequest.all()).done();
        try (Connection a = db.connect();
                Connection b = other.connect()) {
            List<String> excluded = List.of("changelog", "dbmig_history", "dbmig_fingerprint");
            Fingerprint first = SchemaFingerprinter.compute(a, List.of("public"), excluded);
            Fingerprint second = SchemaFingerprinter.compute(b, List.of("public"), excluded);
            assertEquals(first.hash(), second.hash());
            assertFalse(first.toText().contains("changelog"), first.toText());
            assertFalse(first.toText().contains("dbmig_"), first.toText());
            assertTrue(first.entries().containsKey("view public.cheerful"), first.toText());
            assertTrue(first.entries().containsKey("sequence public.tickets"), first.toText());
        }
    }

    @Test
    void pendingChangedAndUnexpectedScriptsAreReported() throws Exception {
        operations(db).upgrade(UpgradeRequest.all()).done();
        scripts.table("2_more.sql", "more");
        assertEquals(List.of("pending: 2_more.sql"), operations(db).problems(null));
        assertEquals(List.of(), operations(db).problems("1"));
        operations(db).upgrade(UpgradeRequest.all()).done();
        assertEquals(
                List.of("applied beyond the expected 1: 2_more.sql"),
                operations(db).problems("1"));
    }

    @Test
    void verifyScriptsFailOnFalseOrError() throws Exception {
        operations(db).upgrade(UpgradeRequest.all()).done();
        scripts.write(
                "verify/1_people_have_names.sql",
                "SELECT count(*) = 0, count(*) AS blank FROM people WHERE name = '';\n");
        assertEquals(List.of(), operations(db).problems(null));

        db.execute("INSERT INTO people (name) VALUES ('')");
        scripts.write("verify/2_broken.sql", "SELECT 1;\nSELECT no_such_column FROM people;\n");
        List<String> problems = operations(db).problems(null);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).contains("1_people_have_names.sql line 1")
                        && problems.get(0).contains("returned false (blank=1)"),
                problems.get(0));
        assertTrue(
                problems.get(1).contains("2_broken.sql line 2")
                        && problems.get(1).contains("no_such_column"),
                problems.get(1));
    }

    @Test
    void failingVerifyScriptFailsUpgradeButKeepsTheAppliedScripts() throws Exception {
        scripts.write("verify/1_never.sql", "SELECT false;\n");
        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations(db).upgrade(UpgradeRequest.all()).done());
        assertTrue(
                e.getMessage().contains("1 script(s) applied and kept, but 1 verify script(s) failed"), e.getMessage());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
    }

    @Test
    void definitionsHoldingBackslashesAreNotDrift() throws Exception {
        scripts.write("2_no_newlines.sql", """
                CREATE TABLE a (x text CHECK (x !~ E'\\\\n'), y text DEFAULT E'tab\\there\\\\n');
                CREATE VIEW a_lines AS SELECT replace(x, E'\\\\', '/') AS x FROM a WHERE x ~ '\\d+\\\\n';
                CREATE FUNCTION slashes(t text) RETURNS text LANGUAGE sql AS $$ SELECT t || E'\\\\' $$;
                """);
        operations(db).upgrade(UpgradeRequest.all()).done();

        assertEquals(List.of(), operations(db).problems(null));
    }

    @Test
    void aRunThatFailsHalfWayKeepsTheReferenceTrueToTheChangelog() throws Exception {
        scripts.write("2_b.sql", "CREATE TABLE b (id int);\n");
        scripts.write("3_c.sql", "CREATE TABLE c (id int);\n");
        scripts.write("4_broken.sql", "CREATE TABLE d (id int);\nSELECT missing_column FROM c;\n");

        assertThrows(
                MigrationFailedException.class,
                () -> operations(db).upgrade(UpgradeRequest.all()).done());

        assertEquals(List.of(1L, 2L, 3L), db.changelogIds("changelog"));
        assertEquals(List.of("pending: 4_broken.sql"), operations(db).problems(null));
    }

    @Test
    void aFirstRunThatFailsStillLeavesDriftChecked() throws Exception {
        scripts.write("1_people.sql", "CREATE TABLE people (id int);\nSELECT 1/0;\n");

        assertThrows(
                MigrationFailedException.class,
                () -> operations(db).upgrade(UpgradeRequest.all()).done());
        db.execute("CREATE TABLE hotfix (id int)");

        assertEquals(
                List.of(
                        "pending: 1_people.sql",
                        "drift: table public.hotfix added",
                        "drift: table public.hotfix: column id added (integer)"),
                operations(db).problems(null));
    }
}
