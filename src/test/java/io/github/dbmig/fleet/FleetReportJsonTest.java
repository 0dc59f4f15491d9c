package io.github.dbmig.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fleet report's JSON, key by key: CI jobs and dbmig:fleet-report of other versions read it. */
class FleetReportJsonTest {

    private static final FleetReport.Row ROW =
            new FleetReport.Row("t1", null, "3", 3, 12, "t1.dump", FleetReport.FAILED, "line 1\nline \"2\"");

    @Test
    void everyKeyIsWrittenNullsIncludedAndTheSeenDatabasesWithTheirDigest() {
        FleetReport report =
                new FleetReport("upgrade", "1/2", new FleetReport.Seen(2, "ab12", List.of("t1", "t2")), List.of(ROW));
        assertEquals("""
                {
                  "goal": "upgrade",
                  "shard": "1/2",
                  "seen": {
                    "count": 2,
                    "digest": "ab12",
                    "ids": [
                      "t1",
                      "t2"
                    ]
                  },
                  "databases": [
                    {
                      "id": "t1",
                      "from": null,
                      "to": "3",
                      "scripts": 3,
                      "durationMillis": 12,
                      "backup": "t1.dump",
                      "outcome": "failed",
                      "error": "line 1\\nline \\"2\\""
                    }
                  ]
                }
                """, report.toJson());
    }

    @Test
    void aReportThatDidNotRecordTheDatabasesItSawHasNoSeenKeyAndReadsBackEqual(@TempDir Path dir) {
        FleetReport report = new FleetReport("status", null, null, List.of(ROW));
        assertEquals("""
                {
                  "goal": "status",
                  "shard": null,
                  "databases": [
                    {
                      "id": "t1",
                      "from": null,
                      "to": "3",
                      "scripts": 3,
                      "durationMillis": 12,
                      "backup": "t1.dump",
                      "outcome": "failed",
                      "error": "line 1\\nline \\"2\\""
                    }
                  ]
                }
                """, report.toJson());
        assertEquals(report, FleetReport.read(report.write(dir, "fleet-status")));
    }
}
