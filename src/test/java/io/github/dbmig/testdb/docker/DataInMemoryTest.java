package io.github.dbmig.testdb.docker;

import com.google.gson.JsonObject;
import io.github.dbmig.container.DockerCli;
import io.github.dbmig.it.EngineApi;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dbmig's PostgreSQL containers keep their data directory in a tmpfs by default, and on the container's disk with
 * {@code <containerDataInMemory>false</containerDataInMemory>}: what the engine says of each container (read with the
 * tests' own client), and where the server itself says its data is.
 */
class DataInMemoryTest {

    @Test
    void theDataDirectoryIsInMemoryUnlessAskedOtherwise() throws Exception {
        for (boolean inMemory : new boolean[] {true, false}) {
            Containers containers = Containers.connect(
                            "it",
                            DockerCli.of("docker", System.getenv()),
                            Reaper.in(new HashMap<>()),
                            new RecordingLog())
                    .withDataInMemory(inMemory);
            PostgresContainer container =
                    containers.start("it", TestPostgres.image(), Map.of(Containers.LABEL_DATABASE, "memory-test"));
            try {
                JsonObject json = EngineApi.locate(System.getenv())
                        .get("/containers/" + container.id() + "/json")
                        .json()
                        .getAsJsonObject();
                JsonObject host = json.getAsJsonObject("HostConfig");
                boolean tmpfs = host.get("Tmpfs") != null
                        && host.get("Tmpfs").isJsonObject()
                        && host.getAsJsonObject("Tmpfs").has("/var/lib/dbmig-memory");
                String dataDirectory;
                try (Connection c = DriverManager.getConnection(
                                container.url("dbmig"), container.user(), container.password());
                        ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
                    rs.next();
                    dataDirectory = rs.getString(1);
                }
                if (inMemory) {
                    assertTrue(tmpfs, "a tmpfs: " + host.get("Tmpfs"));
                    assertEquals("/var/lib/dbmig-memory/pgdata", dataDirectory);
                } else {
                    assertFalse(tmpfs, "no tmpfs: " + host.get("Tmpfs"));
                    assertFalse(dataDirectory.startsWith("/var/lib/dbmig-memory"), dataDirectory);
                }
            } finally {
                containers.remove(container.id());
            }
        }
    }
}
