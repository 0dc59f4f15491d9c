package io.github.dbmig.testdb.docker;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL container that dbmig started: where to reach it, and as whom.
 *
 * @param id       the container's id
 * @param image    the image it runs
 * @param host     where its port is published
 * @param port     the published port
 * @param user     the superuser it was created with
 * @param password that user's password (random); never shown
 * @param labels   dbmig's labels on it
 */
public record PostgresContainer(
        String id, String image, String host, int port, String user, String password, Map<String, String> labels) {

    /**
     * The container the engine's inspection ({@code docker container inspect}) describes; empty when it is
     * not running or has no published PostgreSQL port.
     *
     * @param host where its ports are published
     * @param user the superuser it was created with
     */
    static Optional<PostgresContainer> ofInspection(String id, JsonObject json, String host, String user) {
        if (!json.getAsJsonObject("State").get("Running").getAsBoolean()) {
            return Optional.empty();
        }
        JsonElement bound =
                json.getAsJsonObject("NetworkSettings").getAsJsonObject("Ports").get("5432/tcp");
        if (bound == null || !bound.isJsonArray() || bound.getAsJsonArray().isEmpty()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(
                bound.getAsJsonArray().get(0).getAsJsonObject().get("HostPort").getAsString());
        JsonObject config = json.getAsJsonObject("Config");
        String password = null;
        for (JsonElement variable : config.getAsJsonArray("Env")) {
            if (variable.getAsString().startsWith("POSTGRES_PASSWORD=")) {
                password = variable.getAsString().substring("POSTGRES_PASSWORD=".length());
            }
        }
        Map<String, String> labels = new HashMap<>();
        if (config.get("Labels") != null && config.get("Labels").isJsonObject()) {
            config.getAsJsonObject("Labels")
                    .entrySet()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().getAsString()));
        }
        return Optional.of(
                new PostgresContainer(id, config.get("Image").getAsString(), host, port, user, password, labels));
    }

    /** The first 12 characters of the id, as {@code docker ps} shows it. */
    public String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }

    /** A JDBC URL of one of its databases. */
    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "container " + shortId() + " (" + image + ")"; // never the password
    }
}
