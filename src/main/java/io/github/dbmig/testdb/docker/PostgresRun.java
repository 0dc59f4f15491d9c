package io.github.dbmig.testdb.docker;

import io.github.dbmig.container.ImageReference;
import io.github.dbmig.container.RunRequest;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a dbmig PostgreSQL container is started with: a unique name, dbmig's labels, superuser {@code dbmig} with a
 * random password, fsync off, port 5432 published, and, when its data is kept in memory, {@code PGDATA} on a tmpfs
 * (a path of its own, so that every image version, whatever its default {@code PGDATA}, keeps it there).
 */
final class PostgresRun {

    static final String USER = "dbmig";
    /** Where PostgreSQL keeps its data when it is kept in memory. */
    static final String MEMORY = "/var/lib/dbmig-memory";

    private PostgresRun() {}

    static RunRequest request(String databaseId, String image, Map<String, String> labels, boolean dataInMemory) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(Containers.LABEL, "true");
        Map<String, String> environment =
                new HashMap<>(Map.of("POSTGRES_USER", USER, "POSTGRES_PASSWORD", password(), "POSTGRES_DB", USER));
        if (dataInMemory) {
            environment.put("PGDATA", MEMORY + "/pgdata");
        }
        return new RunRequest(
                "dbmig-" + databaseId + "-" + UUID.randomUUID().toString().substring(0, 8),
                image,
                all,
                environment,
                List.of(5432),
                dataInMemory ? List.of(MEMORY) : List.of(),
                List.of("postgres", "-c", "fsync=off", "-c", "max_connections=200"));
    }

    /** What to do when a pull was refused, for a registry that may need a login. */
    static String login(String image) {
        try {
            ImageReference reference = ImageReference.parse(image);
            String registry = reference.registry() == null
                    ? null
                    : reference.registry() + (reference.port() == null ? "" : ":" + reference.port());
            return " If " + (registry == null ? "Docker Hub" : registry) + " needs a login, log the client in (`docker"
                    + " login" + (registry == null ? "" : " " + registry) + "`): dbmig pulls with its credentials.";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String password() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
