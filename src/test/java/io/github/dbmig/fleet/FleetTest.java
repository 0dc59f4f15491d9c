package io.github.dbmig.fleet;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.goal.Outcome;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.migration.tables.Provenance;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.RecordingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A fleet run's table, log and failure, with work that touches no database: what each database's work returns or
 * throws is given here.
 */
class FleetTest {

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    private RunContext context() {
        return new RunContext(
                new Provenance("me", "host", "it.dbmig:shop:1.0", null, "0.1"),
                Duration.ofSeconds(1),
                true,
                tmp,
                Clock.systemUTC(),
                null,
                log);
    }

    /** A declared database, or (for {@code <id>/<name>}) a member of a declaration that stands for several. */
    private static Database db(String id) {
        String declared = id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
        Database database = new DatabaseBuilder("<database>")
                .id(declared)
                .url("jdbc:postgresql://h/" + declared)
                .scripts(Path.of("m"))
                .build((i, u) -> new Credentials("u", null, "t", "t"));
        if (declared.equals(id)) {
            return database;
        }
        String name = id.substring(declared.length() + 1);
        return database.member(name, database.url().withDatabase(name), null);
    }

    private static final String CAUSE =
            "Database t2: script /p/migrations/2_lines.sql failed at line 1 (up part, statement"
                    + " from line 1: CREATE TABLE lines (id int))\n  ERROR: relation \"lines\" already exists"
                    + " (SQLSTATE 42P07)\n"
                    + "It was rolled back; database t2 is at 1 (1 script(s) applied by this run before it stay"
                    + " applied).";

    @Test
    void withFailFastTheDatabasesAfterAFailureAreNotStartedAndTheFailureIsLoggedWhole() throws Exception {
        Fleet fleet = new Fleet(context(), 1, true, text -> text.replace("sekrit", "***"));
        FleetReport report = fleet.run("upgrade", null, List.of(db("t1"), db("t2"), db("t3")), (database, own) -> {
            own.log().info("Database " + database.id() + ": applying.");
            return database.id().equals("t2")
                    ? new Fleet.Result(null, "1", 1, null, new MigrationFailedException(CAUSE + " sekrit"))
                    : new Fleet.Result(null, "2", 2, "/b/" + database.id() + ".dump", null);
        });

        assertEquals(
                List.of(
                        new FleetReport.Row(
                                "t1",
                                null,
                                "2",
                                2,
                                report.rows().get(0).durationMillis(),
                                "/b/t1.dump",
                                FleetReport.OK,
                                null),
                        new FleetReport.Row(
                                "t2",
                                null,
                                "1",
                                1,
                                report.rows().get(1).durationMillis(),
                                null,
                                FleetReport.FAILED,
                                CAUSE + " ***"),
                        new FleetReport.Row(
                                "t3",
                                null,
                                null,
                                0,
                                0,
                                null,
                                FleetReport.NOT_STARTED,
                                "an earlier database failed (-Ddbmig.failFast)")),
                report.rows());
        assertEquals(
                List.of(
                        "INFO [t1] applying.",
                        "INFO [t2] applying.",
                        "WARN [t2] script /p/migrations/2_lines.sql failed at line 1 (up part, statement from line 1:"
                                + " CREATE TABLE"
                                + " lines (id int))",
                        "WARN [t2]   ERROR: relation \"lines\" already exists (SQLSTATE 42P07)",
                        "WARN [t2] It was rolled back; database t2 is at 1 (1 script(s) applied by this run before it"
                                + " stay applied)."
                                + " sekrit",
                        "INFO | database | from | to | scripts | ms | backup | outcome |",
                        "INFO |---|---|---|---|---|---|---|",
                        "INFO | t1 | - | 2 | 2 | " + report.rows().get(0).durationMillis() + " | t1.dump | ok |",
                        "INFO | t2 | - | 1 | 1 | " + report.rows().get(1).durationMillis()
                                + " | - | failed: Database t2: script"
                                + " /p/migrations/2_lines.sql failed at line 1 (up part, statement from line 1: CREATE"
                                + " TABLE lines (id int)) |",
                        "INFO | t3 | - | - | 0 | 0 | - | not started: an earlier database failed (-Ddbmig.failFast) |",
                        "INFO shop: dbmig:upgrade on 3 database(s): 1 ok, 1 failed, 1 not started.",
                        "INFO The table is also in " + tmp.resolve("fleet-upgrade.json") + " and .md beside it."),
                log.lines);
        assertEquals(report, FleetReport.read(tmp.resolve("fleet-upgrade.json")));

        DbmigException failure = fleet.failure(report);
        assertInstanceOf(MigrationFailedException.class, failure);
        assertEquals(
                "dbmig:upgrade on 3 database(s): 1 ok, 1 failed, 1 not started.\n"
                        + "  t2: failed (Database t2: script /p/migrations/2_lines.sql failed at line 1 (up part,"
                        + " statement from line 1:"
                        + " CREATE TABLE lines (id int))\n      ERROR: relation \"lines\" already exists (SQLSTATE"
                        + " 42P07)\n"
                        + "    It was rolled back; database t2 is at 1 (1 script(s) applied by this run before it stay"
                        + " applied). ***)\n"
                        + "  t3: not started (an earlier database failed (-Ddbmig.failFast))",
                failure.getMessage());
    }

    @Test
    void aShardRecordsWhatTheRunSawAndAThrownSetupErrorMakesTheBuildAnError() {
        List<Database> seen = List.of(db("tenants/tenant_01"), db("tenants/tenant_02"), db("app/acme"));
        Fleet fleet = new Fleet(context(), 2, false, text -> text);
        FleetReport report = fleet.run("status", Shard.parse("3/4"), seen, (database, own) -> {
            throw new SetupException("Database " + database.id() + ": cannot connect.");
        });
        assertEquals("3/4", report.shard());
        assertEquals(FleetReport.Seen.of(List.of("app/acme", "tenants/tenant_01", "tenants/tenant_02")), report.seen());
        assertEquals(
                List.of("tenants/tenant_01"),
                report.rows().stream().map(FleetReport.Row::id).toList());
        assertEquals("dbmig:status (shard 3/4) on 1 database(s): 0 ok, 1 failed.", report.summary());
        assertEquals(
                "dbmig:status (shard 3/4) on 1 database(s): 0 ok, 1 failed.\n"
                        + "  tenants/tenant_01: failed (Database tenants/tenant_01: cannot connect.)",
                assertInstanceOf(SetupException.class, fleet.failure(report)).getMessage());
    }

    @Test
    void aResultTakesFromToScriptsAndBackupFromWhatTheGoalDid() {
        Outcome outcome = new Outcome(
                Optional.of(ScriptId.of(3)),
                Optional.of(ScriptId.of(5)),
                List.of(ScriptId.of(4), ScriptId.of(5)),
                "/b/x.dump",
                null);
        assertEquals(new Fleet.Result("3", "5", 2, "/b/x.dump", null), Fleet.Result.of(outcome));
        assertEquals(new Fleet.Result(null, null, 0, null, null), Fleet.Result.of(Outcome.none()));
    }

    @Test
    void aRelativeDowngradeIsRefusedOnAShardOrOnMoreThanOneDatabase() {
        Fleet.Precondition rule = RelativeDowngrade.oneDatabaseOnly(1);
        String advice =
                ": it undoes the newest 1 script(s) of whatever each database is at, so a CI retry or a fleet that"
                        + " shifted between jobs would undo twice. Name where the databases are to end instead, with"
                        + " -Ddbmig.target=ID or -Ddbmig.tag=NAME, which undo nothing more when run again. Nothing was"
                        + " run.";
        assertEquals(
                "-Ddbmig.steps=1 is refused on a shard (-Ddbmig.shard=1/2)" + advice,
                assertThrows(SetupException.class, () -> rule.check(Shard.parse("1/2"), -1))
                        .getMessage());
        assertEquals(
                "-Ddbmig.steps=1 is refused on 3 databases" + advice,
                assertThrows(SetupException.class, () -> rule.check(null, 3)).getMessage());
        rule.check(null, -1);
        rule.check(null, 1);
        RelativeDowngrade.oneDatabaseOnly(null).check(Shard.parse("1/2"), 40);
    }
}
