package io.github.dbmig.fleet;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules by which dbmig:fleet-report merges the shards' reports, and when the merge fails. */
class FleetReportsTest {

    private static FleetReport.Row ok(String id) {
        return new FleetReport.Row(id, "1", "2", 1, 10, null, FleetReport.OK, null);
    }

    private static FleetReport.Row failed(String id) {
        return new FleetReport.Row(
                id,
                null,
                "1",
                1,
                20,
                null,
                FleetReport.FAILED,
                "Database " + id + ": script 2_x.sql failed\n" + "It was rolled back; database " + id + " is at 1.");
    }

    private static FleetReports.Source source(
            String file, String goal, String shard, List<String> seen, FleetReport.Row... rows) {
        return new FleetReports.Source(
                Path.of(file),
                new FleetReport(goal, shard, seen == null ? null : FleetReport.Seen.of(seen), List.of(rows)));
    }

    @Test
    void reportsOfDifferentGoalsAreRefusedNamingTheFiles() {
        List<String> fleet = List.of("t1", "t2");
        SetupException e = assertThrows(
                SetupException.class,
                () -> FleetReports.merge(
                        List.of(
                                source("r/1/fleet-upgrade.json", "upgrade", "1/2", fleet, ok("t1")),
                                source("r/2/fleet-upgrade.json", "upgrade", "2/2", fleet, ok("t2")),
                                source("r/fleet-status.json", "status", null, fleet, ok("t1"), ok("t2"))),
                        fleet));
        assertEquals(
                "The fleet reports are of different goals, which do not merge: dbmig:upgrade in r/1/fleet-upgrade.json,"
                        + " r/2/fleet-upgrade.json; dbmig:status in r/fleet-status.json. Give -Ddbmig.reports a"
                        + " directory holding the"
                        + " reports of one goal only.",
                e.getMessage());
    }

    @Test
    void aDatabaseInTwoReportsIsListedItsWorstOutcomeKeptAndTheMergeFails() {
        List<String> fleet = List.of("t1", "t2");
        FleetReports.Merged merged = FleetReports.merge(
                List.of(
                        source("a/fleet-upgrade.json", "upgrade", null, fleet, ok("t1"), failed("t2")),
                        source("b/fleet-upgrade.json", "upgrade", "1/1", fleet, ok("t1"), ok("t2"))),
                fleet);

        assertEquals(List.of(ok("t1"), failed("t2")), merged.report().rows());
        assertEquals(
                List.of(
                        "t1: ok in a/fleet-upgrade.json, ok in b/fleet-upgrade.json; kept: ok",
                        "t2: failed in a/fleet-upgrade.json, ok in b/fleet-upgrade.json; kept: failed"),
                merged.duplicates());
        assertTrue(merged.failed());
        assertEquals(
                "dbmig:upgrade on 2 database(s): 1 ok, 1 failed.\n"
                        + "  t2: failed (Database t2: script 2_x.sql failed\n    It was rolled back; database t2 is at"
                        + " 1.)\n"
                        + "Covered by more than one report (the worst outcome is kept):\n"
                        + "  t1: ok in a/fleet-upgrade.json, ok in b/fleet-upgrade.json; kept: ok\n"
                        + "  t2: failed in a/fleet-upgrade.json, ok in b/fleet-upgrade.json; kept: failed",
                merged.failure());
    }

    @Test
    void theWorstOfTwoRowsIsFailedThenInterruptedThenNotStarted() {
        List<String> fleet = List.of("t1", "t2");
        FleetReport.Row notStarted = new FleetReport.Row("t1", null, null, 0, 0, null, FleetReport.NOT_STARTED, "x");
        FleetReport.Row interrupted = new FleetReport.Row("t1", "1", "1", 0, 5, null, FleetReport.INTERRUPTED, "y");
        FleetReport.Row notStarted2 = new FleetReport.Row("t2", null, null, 0, 0, null, FleetReport.NOT_STARTED, "x");
        FleetReports.Merged merged = FleetReports.merge(
                List.of(
                        source("a.json", "upgrade", null, fleet, notStarted, failed("t2")),
                        source("b.json", "upgrade", null, fleet, interrupted, notStarted2),
                        source("c.json", "upgrade", null, fleet, ok("t1"), ok("t2"))),
                fleet);
        assertEquals(List.of(interrupted, failed("t2")), merged.report().rows());
        assertEquals(
                "dbmig:upgrade on 2 database(s): 0 ok, 1 failed, 1 interrupted.",
                merged.report().summary());
    }

    @Test
    void rowsOfDatabasesThatDbDoesNotSelectAreLeftOutAndCounted() {
        List<String> fleet = List.of("t1", "t2", "t3");
        FleetReports.Merged merged = FleetReports.merge(
                List.of(
                        source("a.json", "upgrade", "1/2", fleet, ok("t1"), failed("t3")),
                        source("b.json", "upgrade", "2/2", fleet, ok("t2"))),
                List.of("t1", "t2"));

        assertEquals(List.of(ok("t1"), ok("t2")), merged.report().rows());
        assertEquals(1, merged.leftOut());
        assertFalse(merged.failed());
        assertEquals(
                List.of(
                        "| database | from | to | scripts | ms | backup | outcome |",
                        "|---|---|---|---|---|---|---|",
                        "| t1 | 1 | 2 | 1 | 10 | - | ok |",
                        "| t2 | 1 | 2 | 1 | 10 | - | ok |",
                        "dbmig:upgrade on 2 database(s): 2 ok.",
                        "Left out: 1 row(s) of 1 database(s) that -Ddb does not select (t3)."),
                merged.lines());
    }

    @Test
    void shardsThatSawDifferentDatabasesAreNamedWithTheIdsNotEveryShardSaw() {
        List<String> before = List.of("t1", "t2", "t3");
        List<String> after = List.of("t1", "t2", "t3", "t4");
        FleetReports.Merged merged = FleetReports.merge(
                List.of(
                        source("1/fleet-upgrade.json", "upgrade", "1/2", before, ok("t1"), ok("t3")),
                        source("2/fleet-upgrade.json", "upgrade", "2/2", after, ok("t2")),
                        source("old/fleet-upgrade.json", "upgrade", "3/3", null)),
                after);

        assertEquals(
                List.of("t4: seen by shard 2/2 (2/fleet-upgrade.json); not by shard 1/2 (1/fleet-upgrade.json)"),
                merged.notSeen());
        assertEquals(
                List.of("old/fleet-upgrade.json does not record which databases its run saw (written by an older"
                        + " dbmig?), so its shard cannot be compared with the others."),
                merged.notes());
        assertEquals(
                "dbmig:upgrade on 4 database(s): 3 ok, 1 missing.\n"
                        + "  t4: missing (no shard's report covers it)\n"
                        + "The reports' runs saw different databases (one added or removed between the jobs?), so the"
                        + " shards may not"
                        + " cover each database exactly once; not seen by every run:\n"
                        + "  t4: seen by shard 2/2 (2/fleet-upgrade.json); not by shard 1/2 (1/fleet-upgrade.json)",
                merged.failure());
    }

    @Test
    void shardsThatSawTheSameDatabasesAndCoverEachOnceMergeClean() {
        List<String> fleet = List.of("t1", "t2");
        FleetReports.Merged merged = FleetReports.merge(
                List.of(
                        source("1.json", "downgrade", "1/2", fleet, ok("t1")),
                        source("2.json", "downgrade", "2/2", fleet, ok("t2"))),
                fleet);
        assertFalse(merged.failed());
        assertEquals(List.of(), merged.duplicates());
        assertEquals(List.of(), merged.notSeen());
        assertEquals("dbmig:downgrade on 2 database(s): 2 ok.", merged.report().summary());
    }
}
