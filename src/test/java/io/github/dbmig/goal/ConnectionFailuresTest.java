package io.github.dbmig.goal;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database that cannot be reached fails fast, naming the host and what went wrong, and never shows a password. */
class ConnectionFailuresTest extends GoalTestBase {

    private DatabaseOperations at(String url, Duration connectTimeout) {
        Database database = new DatabaseBuilder("<database> testdb")
                .id("testdb")
                .url(url)
                .scripts(scripts.dir())
                .connectTimeout(connectTimeout)
                .build((id, u) -> u.password() != null
                        ? new Credentials(u.user(), u.password(), "the URL", "the URL")
                        : new Credentials("app", "secret-pw-123", "test", "test"));
        return operations(database, TEST_RUN);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
        scripts.table("1_a.sql", "a");
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/app";
            long started = System.nanoTime();

            SetupException e = assertThrows(
                    SetupException.class, () -> at(url, Duration.ofSeconds(1)).status());

            assertTrue(System.nanoTime() - started < 5_000_000_000L, "failed fast");
            assertEquals(
                    "Cannot connect to database testdb at 127.0.0.1:" + silent.getLocalPort() + " (" + url
                            + ") as user app"
                            + " (test), password from test: no answer within 1 s (the connect timeout): the host is"
                            + " unreachable, or"
                            + " the server accepted the connection but never answered. Raise it with"
                            + " -Ddbmig.connectTimeout if the"
                            + " network is slow.",
                    e.getMessage());
        }
    }

    @Test
    void anUnknownHostIsSaidToBeOne() {
        scripts.table("1_a.sql", "a");
        SetupException e = assertThrows(
                SetupException.class,
                () -> at("jdbc:postgresql://no-such-host.invalid/app", Duration.ofSeconds(5))
                        .status());
        assertEquals(
                "Cannot connect to database testdb at no-such-host.invalid:5432"
                        + " (jdbc:postgresql://no-such-host.invalid/app)"
                        + " as user app (test), password from test: unknown host no-such-host.invalid (the name does"
                        + " not resolve).",
                e.getMessage());
    }

    @Test
    void aWrongPasswordInTheUrlIsNamedByItsSourceAndMasked() {
        scripts.table("1_a.sql", "a");
        String url = db.url() + "?user=" + db.username() + "&password=wrong-secret-pw";
        SetupException e = assertThrows(
                SetupException.class, () -> at(url, Duration.ofSeconds(5)).status());
        assertEquals(
                "Cannot connect to database testdb at "
                        + db.url()
                                .substring(
                                        "jdbc:postgresql://".length(), db.url().lastIndexOf('/')) + " (" + db.url()
                        + ") as user " + db.username() + " (the URL), password from the"
                        + " URL: FATAL: password authentication failed for user \"" + db.username()
                        + "\" (check the user and the"
                        + " password, which came from the URL).",
                e.getMessage());
    }

    @Test
    void aBadScriptIsReportedBeforeAnUnreachableServerThoughBothAreLookedAtTogether() throws Exception {
        scripts.write("1_a.sql", "SELECT 1;\n");
        scripts.write("1_b.sql", "SELECT 1;\n");
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }

        SetupException e = assertThrows(
                SetupException.class,
                () -> at("jdbc:postgresql://127.0.0.1:" + closedPort + "/app", Duration.ofSeconds(1))
                        .status());

        assertEquals(
                "Cannot use the scripts in " + scripts.dir() + ":\n  id 1 is used by both 1_a.sql and 1_b.sql\n"
                        + "Every script needs an id of its own; nothing was run.",
                e.getMessage());
    }

    @Test
    void aQueryOfDbmigsOwnThatGetsNoAnswerFailsWithinTheReadTimeoutAndNamesIt() throws Exception {
        scripts.table("1_a.sql", "a");
        operations().upgrade(UpgradeRequest.all()).done();
        Database slow = db.builder()
                .readTimeout(Duration.ofSeconds(1))
                .scripts(scripts.dir())
                .build(db.credentials());
        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE changelog IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();

            SetupException e = assertThrows(
                    SetupException.class, () -> operations(slow, TEST_RUN).status());

            assertTrue(
                    System.nanoTime() - started < 8_000_000_000L,
                    "failed within the read timeout, not the lock timeout");
            assertEquals(
                    "Database testdb: status failed talking to PostgreSQL: PostgreSQL at "
                            + slow.url().hosts()
                            + " did not answer within 1 s (the read timeout for dbmig's own queries,"
                            + " -Ddbmig.readTimeout).",
                    e.getMessage());
            scripts.table("2_b.sql", "b");
            SetupException up = assertThrows(
                    SetupException.class,
                    () -> operations(slow, TEST_RUN)
                            .upgrade(UpgradeRequest.all())
                            .done());
            assertEquals(
                    "Database testdb: upgrade failed talking to PostgreSQL: PostgreSQL at "
                            + slow.url().hosts()
                            + " did not answer within 1 s (the read timeout for dbmig's own queries,"
                            + " -Ddbmig.readTimeout). Nothing"
                            + " was changed by this run.",
                    up.getMessage());
            blocker.rollback();
        }
        assertEquals(List.of(1L), db.changelogIds("changelog"));
    }
}
