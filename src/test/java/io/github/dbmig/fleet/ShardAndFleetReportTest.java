package io.github.dbmig.fleet;

import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a fleet is dealt to CI jobs, and how their reports come together again. */
class ShardAndFleetReportTest {

    @TempDir
    Path tmp;

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

    @Test
    void aDatabasesShardIsOnePlusTheFirstFourBytesOfTheSha256OfItsIdModN() {
        // as documented, and as `printf %s ID | sha256sum | cut -c1-8` then $(( 0x$h % N + 1 )) computes it
        assertEquals(3, Shard.of("tenants/tenant_01", 4)); // 3d555966
        assertEquals(2, Shard.of("tenants/tenant_02", 4)); // 662e6649
        assertEquals(1, Shard.of("app/acme", 4)); // 3d59d154
        assertEquals(2, Shard.of("tenants/tenant_01", 3));
        assertEquals(1, Shard.of("it/tenant_01", 3)); // 0c8bf73a
        assertEquals(1, Shard.of("anything", 1));
        List<Database> fleet = new ArrayList<>();
        for (String id : List.of("tenants/tenant_02", "app/acme", "tenants/tenant_01")) {
            fleet.add(db(id));
        }
        assertEquals(List.of("app/acme"), ids(Shard.parse("1/4").of(fleet)));
        assertEquals(List.of("tenants/tenant_02"), ids(Shard.parse("2/4").of(fleet)));
        assertEquals(List.of("tenants/tenant_01"), ids(Shard.parse(" 3/4 ").of(fleet)));
        assertEquals(List.of(), ids(Shard.parse("4/4").of(fleet)));
        for (String bad : List.of("0/3", "4/3", "1-3", "a/b", "3")) {
            assertEquals(
                    "-Ddbmig.shard=" + bad + " is not of the form K/N with 1 <= K <= N, e.g. 2/4 for the second of four"
                            + " jobs.",
                    assertThrows(SetupException.class, () -> Shard.parse(bad)).getMessage());
        }
    }

    @Test
    void addingOrRemovingADatabaseMovesNoOtherAndTheShardsCoverEachOnce() {
        List<Database> fleet = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            fleet.add(db(String.format("tenants/tenant_%03d", i)));
        }
        for (int n = 1; n <= 7; n++) {
            Map<Integer, List<String>> before = shards(fleet, n);
            List<String> all = new ArrayList<>();
            before.values().forEach(all::addAll);
            assertEquals(ids(fleet), all.stream().sorted().toList(), "every database exactly once, n=" + n);

            List<Database> grown = new ArrayList<>(fleet);
            grown.add(60, db("tenants/tenant_059a"));
            Map<Integer, List<String>> after = shards(grown, n);
            List<Database> shrunk = new ArrayList<>(fleet);
            shrunk.remove(10);
            Map<Integer, List<String>> without = shards(shrunk, n);
            for (int k = 1; k <= n; k++) {
                List<String> expectedGrown = new ArrayList<>(before.get(k));
                if (Shard.of("tenants/tenant_059a", n) == k) {
                    expectedGrown.add("tenants/tenant_059a");
                }
                assertEquals(expectedGrown.stream().sorted().toList(), after.get(k), "shard " + k + "/" + n + " grown");
                assertEquals(
                        before.get(k).stream()
                                .filter(id -> !id.equals("tenants/tenant_011"))
                                .toList(),
                        without.get(k),
                        "shard " + k + "/" + n + " shrunk");
            }
        }
    }

    private static Map<Integer, List<String>> shards(List<Database> fleet, int n) {
        Map<Integer, List<String>> shards = new TreeMap<>();
        for (int k = 1; k <= n; k++) {
            shards.put(k, ids(new Shard(k, n).of(fleet)));
        }
        return shards;
    }

    private static List<String> ids(List<Database> databases) {
        return databases.stream().map(Database::id).toList();
    }

    @Test
    void parallelIsAWholeNumberOfOneOrMore() {
        assertEquals(4, Fleet.parallelism("4"));
        assertEquals(1, Fleet.parallelism(null));
        for (String bad : List.of("0", "-2", "four")) {
            assertEquals(
                    "-Ddbmig.parallel=" + bad + " is not a number of databases to work on at once (1 or more).",
                    assertThrows(SetupException.class, () -> Fleet.parallelism(bad))
                            .getMessage());
        }
    }

    @Test
    void shardReportsMergeAndWhatNoShardCoveredIsMissing() throws Exception {
        FleetReport one = new FleetReport(
                "upgrade",
                "1/2",
                FleetReport.Seen.of(List.of("t2", "t1", "t3")),
                List.of(new FleetReport.Row("t1", null, "2", 2, 40, null, FleetReport.OK, null)));
        FleetReport two = new FleetReport(
                "upgrade",
                "2/2",
                FleetReport.Seen.of(List.of("t3", "t2", "t1")),
                List.of(new FleetReport.Row(
                        "t2",
                        "1",
                        "1",
                        0,
                        30,
                        "/b/t2.dump",
                        FleetReport.FAILED,
                        "script 2_x.sql failed | here\n  ERROR: relation \"lines\" already exists\nIt was"
                                + " rolled back.")));
        Path written = two.write(tmp, "fleet-upgrade");
        FleetReport read = FleetReport.read(written);
        assertEquals(two, read);
        String json = Files.readString(written);
        assertTrue(
                json.contains(
                        "\"error\": \"script 2_x.sql failed | here\\n  ERROR: relation \\\"lines\\\" already exists\\n"
                                + "It was rolled back.\""),
                json);
        assertTrue(json.contains("\"count\": 3,\n    \"digest\": \"" + Sha256.of("t1\nt2\nt3\n") + "\""), json);

        FleetReports.Merged merged = FleetReports.merge(
                List.of(new FleetReports.Source(Path.of("a.json"), one), new FleetReports.Source(written, read)),
                List.of("t1", "t2", "t3"));

        assertEquals(
                List.of(
                        "| database | from | to | scripts | ms | backup | outcome |",
                        "|---|---|---|---|---|---|---|",
                        "| t1 | - | 2 | 2 | 40 | - | ok |",
                        "| t2 | 1 | 1 | 0 | 30 | t2.dump | failed: script 2_x.sql failed \\| here |",
                        "| t3 | - | - | 0 | 0 | - | missing: no shard's report covers it |",
                        "dbmig:upgrade on 3 database(s): 1 ok, 1 failed, 1 missing."),
                merged.lines());
        assertEquals(
                "dbmig:upgrade on 3 database(s): 1 ok, 1 failed, 1 missing.\n"
                        + "  t2: failed (script 2_x.sql failed | here\n      ERROR: relation \"lines\" already"
                        + " exists\n    It was rolled back.)\n"
                        + "  t3: missing (no shard's report covers it)",
                merged.failure());
    }

    @Test
    void aShardsReportCountsUnderAnyNameAndOtherJsonIsNotOne() throws Exception {
        FleetReport one = new FleetReport(
                "upgrade",
                "1/2",
                null,
                List.of(new FleetReport.Row("t1", null, "2", 2, 40, null, FleetReport.OK, null)));
        Path renamed = Files.move(one.write(tmp, "fleet-upgrade"), tmp.resolve("shard-1.json"));
        Path manifest = Files.writeString(tmp.resolve("app-20261202.dump.json"), "{\"database\": \"app\"}");
        Path broken = Files.writeString(tmp.resolve("fleet-status.json"), "{\"goal\": ");

        assertEquals(Optional.of(one), FleetReport.readIfReport(renamed));
        assertEquals(Optional.empty(), FleetReport.readIfReport(manifest));
        Path truncated = Files.writeString(tmp.resolve("shard-2.json"), "{\"goal\": ");
        assertEquals(
                "Cannot read the fleet report " + broken + ": java.io.EOFException: End of input at line 1 column 10"
                        + " path $.goal",
                assertThrows(SetupException.class, () -> FleetReport.readIfReport(broken))
                        .getMessage());
        // a truncated file under another name is no report; its databases show as missing, which fails the merge
        assertEquals(Optional.empty(), FleetReport.readIfReport(truncated));
    }
}
