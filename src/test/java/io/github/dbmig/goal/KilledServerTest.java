package io.github.dbmig.goal;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server killed ({@code docker kill}: every process of it at once, as a crash would) in the middle of a run of 200
 * scripts, then started again: each script is either applied with its changelog and history rows or absent with them,
 * the applied ones are the first of the run, the killed run said it failed and never that it succeeded, and the next
 * upgrade completes. With {@code <syncEachScript>}, every script the killed run logged as applied is also there.
 */
class KilledServerTest extends GoalTestBase {

    private static final int SCRIPTS = 200;

    private PostgreSQLContainer<?> server;

    @BeforeEach
    void ownServer() throws SQLException {
        server = new PostgreSQLContainer<>(
                        DockerImageName.parse(TestPostgres.image()).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName("killed")
                .withUsername("admin")
                .withPassword("admin-secret-pw");
        server.start();
        for (int i = 1; i <= SCRIPTS; i++) {
            scripts.write(i + "_t" + i + ".sql", "CREATE TABLE t" + i + " (id int);\nSELECT pg_sleep(0.02);\n");
        }
    }

    @AfterEach
    void removeServer() {
        server.stop();
    }

    @Test
    void everyScriptIsAllOrNothingAfterTheServerIsKilledWithAsynchronousCommits() throws Exception {
        killInTheMiddleAndCheck(false);
    }

    @Test
    void everyScriptIsAllOrNothingAfterTheServerIsKilledWithSyncEachScript() throws Exception {
        killInTheMiddleAndCheck(true);
    }

    private void killInTheMiddleAndCheck(boolean syncEach) throws Exception {
        int port = server.getMappedPort(5432);
        DatabaseOperations operations = new DatabaseOperations(
                database(port), context(TEST_RUN, Duration.ofSeconds(30)).syncingEachScript(syncEach));
        CompletableFuture<List<ScriptId>> run = CompletableFuture.supplyAsync(
                () -> operations.upgrade(UpgradeRequest.all()).done());
        waitUntil(port, 40);
        docker("kill", server.getContainerId());

        ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(2, TimeUnit.MINUTES));
        assertInstanceOf(DbmigException.class, failed.getCause(), String.valueOf(failed.getCause()));
        List<String> lines = List.copyOf(log.lines);
        assertEquals(
                List.of(),
                lines.stream().filter(l -> l.contains("script(s), now at")).toList(),
                "the killed run never says it succeeded");

        docker("start", server.getContainerId());
        port = Integer.parseInt(docker("port", server.getContainerId(), "5432/tcp")
                .lines()
                .findFirst()
                .orElseThrow()
                .replaceFirst(".*:", "")
                .strip());
        waitUntil(port, 0);

        List<Long> changelog = query(port, "SELECT id FROM changelog ORDER BY id");
        int kept = changelog.size();
        List<Long> prefix = LongStream.rangeClosed(1, kept).boxed().toList();
        assertTrue(kept >= 40 || !syncEach, "at least the 40 scripts seen committed are there: " + changelog);
        assertEquals(prefix, changelog, "the scripts kept are the first of the run");
        assertEquals(
                prefix,
                query(port, "SELECT script_id::bigint FROM dbmig_history WHERE action = 'up' ORDER BY seq"),
                "each kept script has its history row, and no other script has one");
        assertEquals(
                prefix,
                query(
                        port,
                        "SELECT substr(relname, 2)::bigint AS n FROM pg_class WHERE relkind = 'r'"
                                + " AND relname ~ '^t[0-9]+$' ORDER BY n"),
                "each kept script's table is there, and no other script's");
        long logged = lines.stream().filter(l -> l.startsWith("INFO Applied ")).count();
        if (syncEach) {
            assertTrue(logged <= kept, logged + " scripts were logged as applied, " + kept + " are there");
        }

        List<ScriptId> rest = new DatabaseOperations(database(port), context(TEST_RUN, Duration.ofSeconds(30)))
                .upgrade(UpgradeRequest.all())
                .done();
        assertEquals(SCRIPTS - kept, rest.size());
        assertEquals(
                LongStream.rangeClosed(1, SCRIPTS).boxed().toList(),
                query(port, "SELECT id FROM changelog" + " ORDER BY id"));
        assertEquals(List.of(1L), query(port, "SELECT count(*) FROM pg_class WHERE relname = 't" + SCRIPTS + "'"));
    }

    private Database database(int port) {
        return new DatabaseBuilder("<database> testdb")
                .id("testdb")
                .url("jdbc:postgresql://" + server.getHost() + ":" + port + "/killed")
                .scripts(scripts.dir())
                .build((id, url) -> new Credentials("admin", "admin-secret-pw", "test", "test"));
    }

    /** Waits until the server answers and its changelog holds at least {@code rows} rows. */
    private void waitUntil(int port, int rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            try {
                if (rows == 0) {
                    query(port, "SELECT 1");
                    return;
                }
                if (query(port, "SELECT count(*) FROM changelog").get(0) >= rows) {
                    return;
                }
            } catch (SQLException e) {
                // not up yet, or no changelog yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server did not reach " + rows + " changelog rows within a minute");
    }

    private List<Long> query(int port, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + server.getHost() + ":" + port + "/killed", "admin", "admin-secret-pw");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(new BigDecimal(rs.getString(1)).longValueExact());
            }
        }
        return values;
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
