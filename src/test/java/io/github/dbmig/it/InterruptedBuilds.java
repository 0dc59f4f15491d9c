package io.github.dbmig.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dbmig.testing.TestDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For the cases whose first build is cut off inside 2_long_data_migration.sql (its {@code pg_sleep}): waiting for
 * that moment, and what the database must look like afterwards, before the next build runs.
 */
final class InterruptedBuilds {

    private InterruptedBuilds() {}

    /** Waits until a dbmig session is inside the script's pg_sleep; returns that backend's pid. */
    static long waitForSleepingScript(TestDatabase db) throws Exception {
        for (int i = 0; i < 600; i++) {
            List<Long> pids = db.queryLongs("SELECT pid FROM pg_stat_activity WHERE application_name = 'dbmig'"
                    + " AND datname = current_database() AND query LIKE '%pg_sleep%' AND state = 'active'");
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the build never reached the sleeping script");
    }

    /**
     * Waits until, in a running container of the project other than {@code earlier}, a session is inside the script's
     * pg_sleep (each container's port and password read with the tests' own Docker client); returns its short id.
     */
    static String waitForSleepingScriptInContainer(Path project, List<String> earlier) throws Exception {
        EngineApi engine = EngineApi.locate(System.getenv());
        String host = System.getenv().getOrDefault("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
        for (int i = 0; i < 1200; i++) {
            List<String> running = Check.containers(project).stream()
                    .filter(c -> c.endsWith(" running"))
                    .map(c -> c.substring(0, 12))
                    .filter(id -> !earlier.contains(id))
                    .toList();
            for (String id : running) {
                JsonObject json =
                        engine.get("/containers/" + id + "/json").json().getAsJsonObject();
                if (sleeping(json, host)) {
                    return id;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the build never reached the sleeping script in a container of its own");
    }

    private static boolean sleeping(JsonObject container, String host) {
        try {
            String port = container
                    .getAsJsonObject("NetworkSettings")
                    .getAsJsonObject("Ports")
                    .getAsJsonArray("5432/tcp")
                    .get(0)
                    .getAsJsonObject()
                    .get("HostPort")
                    .getAsString();
            String password = null;
            for (JsonElement variable : container.getAsJsonObject("Config").getAsJsonArray("Env")) {
                if (variable.getAsString().startsWith("POSTGRES_PASSWORD=")) {
                    password = variable.getAsString().substring("POSTGRES_PASSWORD=".length());
                }
            }
            try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://" + host + ":" + port + "/postgres", "dbmig", password);
                    ResultSet rs = c.createStatement()
                            .executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep%'"
                                    + " AND state = 'active' AND pid <> pg_backend_pid()")) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException | RuntimeException notYet) {
            return false;
        }
    }

    /** After a SIGKILL the server notices the dead client on its own; waits for that. */
    static void waitUntilNoDbmigSessions(TestDatabase db) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (db.queryLongs("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbmig'"
                                    + " AND datname = current_database()")
                            .get(0)
                    == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the killed build's sessions are still there");
    }

    /** The cut-off script left nothing: not recorded as applied, not one of its rows. */
    static void assertNothingOfTheScriptStayed(TestDatabase db) throws Exception {
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertEquals(List.of(0L), db.queryLongs("SELECT count(*) FROM ledger"));
    }
}
