package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.testing.GoalTestBase;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which commits wait, seen on a server whose every durable commit waits forever: it names a synchronous standby that
 * never connects, and its database's default is {@code synchronous_commit = local} (as a team may set to spare its
 * standby), so a commit that waits for the standby is one that dbmig raised to {@code on}. Scripts commit without
 * waiting but the run's last, whose commit does wait, and no success is printed while it has not returned; with
 * {@code <syncEachScript>} the first script's commit already waits.
 */
class DurableCommitsTest extends GoalTestBase {

    private static PostgreSQLContainer<?> server;

    @BeforeAll
    static void serverWithAMissingStandby() throws SQLException {
        server = new PostgreSQLContainer<>(
                        DockerImageName.parse(TestPostgres.image()).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName("admin")
                .withUsername("admin")
                .withPassword("admin-secret-pw");
        server.start();
        admin("CREATE DATABASE durable");
        admin("ALTER DATABASE durable SET synchronous_commit = local");
        admin("ALTER SYSTEM SET synchronous_standby_names = 'missing_standby'");
        admin("SELECT pg_reload_conf()");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void scriptsCommitWithoutWaitingAndTheLastCommitWaitsBeforeSuccessIsPrinted() throws Exception {
        fiveScripts();
        DatabaseOperations operations =
                new DatabaseOperations(database(Duration.ofSeconds(3)), context(TEST_RUN, Duration.ofSeconds(30)));

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations.upgrade(UpgradeRequest.all()).done());

        String message = e.getMessage();
        assertTrue(
                message.startsWith("Database testdb: ")
                        && message.contains(" of script " + scripts.dir().resolve("5_u5.sql") + " failed: "),
                message);
        assertTrue(
                message.contains("so the script may or may not be applied: run dbmig:status."),
                "the COMMIT that waits for the standby was sent and did not return: " + message);
        assertEquals(
                List.of(),
                log.lines.stream().filter(l -> l.contains("applied 5")).toList(),
                "no success line");
        assertEquals(
                List.of(1L, 2L, 3L, 4L),
                durable().changelogIds("changelog"),
                "scripts 1 to 4 committed without waiting for the standby; the 5th waits for it");
        assertEquals(1, terminateWaitingForTheStandby());
    }

    @Test
    void withSyncEachScriptTheFirstScriptsCommitAlreadyWaits() throws Exception {
        fiveScripts();
        DatabaseOperations operations = new DatabaseOperations(
                database(Database.DEFAULT_READ_TIMEOUT),
                context(TEST_RUN, Duration.ofSeconds(30)).syncingEachScript(true));

        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> operations.upgrade(UpgradeRequest.all()));
        waitForACommitWaitingForTheStandby();

        assertFalse(run.isDone());
        assertEquals(List.of(), durable().changelogIds("changelog"), "script 1 is not committed yet");
        assertFalse(durable().tableExists("u2"), "script 2 has not run");
        assertEquals(1, terminateWaitingForTheStandby());
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
        assertInstanceOf(MigrationFailedException.class, e.getCause());
        assertEquals(
                List.of(),
                log.lines.stream().filter(l -> l.contains("applied 5")).toList(),
                "no success line");
        assertFalse(durable().tableExists("u2"), "nothing after the script whose commit broke ran");
    }

    private void fiveScripts() throws SQLException {
        admin("DROP DATABASE IF EXISTS durable WITH (FORCE)");
        admin("CREATE DATABASE durable");
        admin("ALTER DATABASE durable SET synchronous_commit = local");
        for (int i = 1; i <= 5; i++) {
            scripts.write(i + "_u" + i + ".sql", "CREATE TABLE u" + i + " (id int);\n");
        }
    }

    private Database database(Duration readTimeout) {
        TestDatabase durable = durable();
        return durable.builder().readTimeout(readTimeout).scripts(scripts.dir()).build(durable.credentials());
    }

    private static TestDatabase durable() {
        return TestDatabase.on(server, "durable");
    }

    private static void waitForACommitWaitingForTheStandby() throws Exception {
        for (int i = 0; i < 600; i++) {
            if (waitingForTheStandby() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no commit waited for the standby within a minute");
    }

    private static long waitingForTheStandby() throws SQLException {
        return durable()
                .queryLongs("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'")
                .get(0);
    }

    /** Ends the sessions that wait for the standby (their commit stays, locally); returns how many there were. */
    private static long terminateWaitingForTheStandby() throws SQLException {
        return durable()
                .queryLongs("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE wait_event = 'SyncRep') ended")
                .get(0);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.getJdbcUrl(), "admin", "admin-secret-pw");
                Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = local"); // the test's own commits do not wait for the standby
            s.execute(sql);
        }
    }
}
