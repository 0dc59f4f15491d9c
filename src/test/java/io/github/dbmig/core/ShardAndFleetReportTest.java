package io.github.dbmig.core;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a fleet is dealt to CI jobs, and how their reports come together again. */
class ShardAndFleetReportTest {

    @TempDir
    Path tmp;

    private static Database db(String id) {
        return new DatabaseBuilder("<database>").id(id).url("jdbc:postgresql://h/" + id).scripts(Path.of("m"))
                .build((i, u) -> new Credentials("u", null, "t", "t"));
    }

    @Test
    void shardsDealTheSortedDatabasesRoundRobinAndCoverEachOnce() {
        List<Database> fleet = new ArrayList<>();
        for (String id : List.of("t5", "t1", "t4", "t2", "t3", "t6", "t7")) {
            fleet.add(db(id));
        }
        assertEquals(List.of("t1", "t4", "t7"), Shard.parse("1/3").of(fleet).stream().map(Database::id).toList());
        assertEquals(List.of("t2", "t5"), Shard.parse("2/3").of(fleet).stream().map(Database::id).toList());
        assertEquals(List.of("t3", "t6"), Shard.parse(" 3/3 ").of(fleet).stream().map(Database::id).toList());
        for (String bad : List.of("0/3", "4/3", "1-3", "a/b", "3")) {
            assertEquals("-Ddbmig.shard=" + bad + " is not of the form K/N with 1 <= K <= N, e.g. 2/4 for the second of four"
                    + " jobs.", assertThrows(SetupException.class, () -> Shard.parse(bad)).getMessage());
        }
    }

    @Test
    void parallelIsAWholeNumberOfOneOrMore() {
        assertEquals(4, Fleet.parallelism("4"));
        assertEquals(1, Fleet.parallelism(null));
        for (String bad : List.of("0", "-2", "four")) {
            assertEquals("-Ddbmig.parallel=" + bad + " is not a number of databases to work on at once (1 or more).",
                    assertThrows(SetupException.class, () -> Fleet.parallelism(bad)).getMessage());
        }
    }

    @Test
    void shardReportsMergeAndWhatNoShardCoveredIsMissing() {
        FleetReport one = new FleetReport("upgrade", "1/2", List.of(
                new FleetReport.Row("t1", null, "2", 2, 40, null, FleetReport.OK, null)));
        FleetReport two = new FleetReport("upgrade", "2/2", List.of(
                new FleetReport.Row("t2", "1", "1", 0, 30, "/b/t2.dump", FleetReport.FAILED, "script 2_x.sql failed | here")));
        FleetReport read = FleetReport.read(two.write(tmp, "fleet-upgrade"));
        assertEquals(two, read);

        FleetReport merged = FleetReport.merge(List.of(one, read), List.of("t1", "t2", "t3"));

        assertEquals(List.of("| database | from | to | scripts | ms | backup | outcome |", "|---|---|---|---|---|---|---|",
                "| t1 | - | 2 | 2 | 40 | - | ok |",
                "| t2 | 1 | 1 | 0 | 30 | t2.dump | failed: script 2_x.sql failed \\| here |",
                "| t3 | - | - | 0 | 0 | - | missing: no shard's report covers it |",
                "dbmig:upgrade on 3 database(s): 1 ok, 1 failed, 1 missing."), merged.lines());
    }

    @Test
    void aShardsReportCountsUnderAnyNameAndOtherJsonIsNotOne() throws Exception {
        FleetReport one = new FleetReport("upgrade", "1/2", List.of(
                new FleetReport.Row("t1", null, "2", 2, 40, null, FleetReport.OK, null)));
        Path renamed = java.nio.file.Files.move(one.write(tmp, "fleet-upgrade"), tmp.resolve("shard-1.json"));
        Path manifest = java.nio.file.Files.writeString(tmp.resolve("app-20261202.dump.json"), "{\"database\": \"app\"}");
        Path broken = java.nio.file.Files.writeString(tmp.resolve("fleet-status.json"), "{\"goal\": ");

        assertEquals(java.util.Optional.of(one), FleetReport.readIfReport(renamed));
        assertEquals(java.util.Optional.empty(), FleetReport.readIfReport(manifest));
        Path truncated = java.nio.file.Files.writeString(tmp.resolve("shard-2.json"), "{\"goal\": ");
        assertEquals("Cannot read the fleet report " + broken + ": java.io.EOFException: End of input at line 1 column 10"
                + " path $.goal", assertThrows(SetupException.class, () -> FleetReport.readIfReport(broken)).getMessage());
        // a truncated file under another name is no report; its databases show as missing, which fails the merge
        assertEquals(java.util.Optional.empty(), FleetReport.readIfReport(truncated));
    }
}
