package io.github.dbmig.testdb.docker;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import org.postgresql.Driver;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static io.github.dbmig.errors.Messages.about;

/**
 * dbmig's PostgreSQL containers, run through the Docker Engine API: started from an image (pulled when missing) with a
 * random password, labelled as dbmig's, found again by their labels, and removed. Containers that are not kept for
 * reuse are removed when the build ends, even when it fails or is interrupted.
 */
public final class Containers {

    /** Marks every container dbmig starts. */
    public static final String LABEL = "io.github.dbmig";

    public static final String LABEL_DATABASE = LABEL + ".database";
    public static final String LABEL_PROJECT = LABEL + ".project";
    public static final String LABEL_REUSE = LABEL + ".reuse";
    public static final String LABEL_OWNER = LABEL + ".owner";
    /** Which build of the owner's JVM (a daemon runs many) started it: see {@link Reaper#buildId()}. */
    public static final String LABEL_BUILD = LABEL + ".build";

    private static final String USER = "dbmig";
    private static final long READY_MILLIS = 120_000;

    private final DockerEngine engine;
    private final Map<String, String> environment;
    private final Reaper reaper;
    private final Log log;

    private Containers(DockerEngine engine, Map<String, String> environment, Reaper reaper, Log log) {
        this.engine = engine;
        this.environment = environment;
        this.reaper = reaper;
        this.log = log;
    }

    /**
     * The Docker engine of this machine; fails saying so, and what to do instead, when there is none.
     *
     * @param reaper this build's containers, which go when the build ends unless kept
     */
    public static Containers connect(String databaseId, Map<String, String> environment, Reaper reaper, Log log) {
        DockerEngine engine = DockerEngine.locate(environment);
        String advice = " A database with an <image> needs a running Docker engine (DOCKER_HOST, or its socket at"
                + " /var/run/docker.sock); without one, declare the database with a <url> to a PostgreSQL server"
                + " instead.";
        if (engine == null) {
            String unsupported = DockerEngine.unsupported(environment);
            throw new SetupException(about(databaseId)
                    + (unsupported == null
                            ? "no Docker engine found." + advice
                            : unsupported
                                    + " Or declare the database with a <url> to an existing PostgreSQL server instead"
                                    + " of an <image>."));
        }
        try {
            DockerEngine.Response ping = engine.get("/_ping");
            if (!ping.ok()) {
                throw new SetupException(about(databaseId) + "the Docker engine at " + engine.where() + " answers "
                        + ping.message() + "." + advice);
            }
        } catch (IOException e) {
            throw new SetupException(about(databaseId) + "the Docker engine at " + engine.where() + " does not answer ("
                    + e.getMessage() + ")." + advice);
        }
        return new Containers(engine, environment, reaper, log);
    }

    /**
     * Starts a container from {@code image} and waits until PostgreSQL accepts connections.
     *
     * @param labels dbmig's labels for it
     */
    public PostgresContainer start(String databaseId, String image, Map<String, String> labels) {
        try {
            pullIfMissing(databaseId, image);
            DockerEngine.Response created = engine.post("/containers/create", CreateRequest.json(image, USER, labels));
            if (!created.ok()) {
                throw failure(databaseId, image, "creating the container", created.message());
            }
            String id = created.json().getAsJsonObject().get("Id").getAsString();
            reaper.removeAtEnd(engine, id);
            DockerEngine.Response started = engine.post("/containers/" + id + "/start", null);
            if (!started.ok()) {
                remove(id);
                throw failure(databaseId, image, "starting the container", started.message());
            }
            PostgresContainer container =
                    inspect(id).orElseThrow(() -> failure(databaseId, image, "starting the container", "it is gone"));
            awaitReady(databaseId, container);
            return container;
        } catch (IOException e) {
            throw failure(databaseId, image, "talking to the Docker engine at " + engine.where(), e.getMessage());
        }
    }

    /** Keeps a container after the build (reuse): it is no longer removed when the build ends. */
    public void keep(PostgresContainer container) {
        reaper.keep(container.id());
    }

    private void pullIfMissing(String databaseId, String image) throws IOException {
        if (engine.get("/images/" + image + "/json").ok()) {
            return;
        }
        log.info("Pulling " + image + " for database " + databaseId + "...");
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > image.lastIndexOf('/');
        String path = "/images/create?fromImage=" + DockerEngine.encode(tagged ? image.substring(0, colon) : image)
                + "&tag=" + DockerEngine.encode(tagged ? image.substring(colon + 1) : "latest");
        DockerEngine.Response pulled = engine.post(path, null);
        if (!pulled.ok() || pulled.body().contains("\"error\"")) {
            throw failure(
                    databaseId, image, "pulling the image", pulled.ok() ? lastLine(pulled.body()) : pulled.message());
        }
    }

    /** The container with this id, running, with its published port; empty when it is gone or stopped. */
    public Optional<PostgresContainer> inspect(String id) throws IOException {
        DockerEngine.Response response = engine.get("/containers/" + id + "/json");
        if (!response.ok()) {
            return Optional.empty();
        }
        return PostgresContainer.ofInspection(
                id, response.json().getAsJsonObject(), engine.publishedHost(environment), USER);
    }

    /** Running containers of dbmig's that carry every one of these labels. */
    public List<PostgresContainer> find(Map<String, String> labels) throws IOException {
        JsonArray filter = new JsonArray();
        filter.add(LABEL + "=true");
        labels.forEach((k, v) -> filter.add(k + "=" + v));
        JsonObject filters = new JsonObject();
        filters.add("label", filter);
        DockerEngine.Response listed =
                engine.get("/containers/json?filters=" + DockerEngine.encode(filters.toString()));
        if (!listed.ok()) {
            throw new IOException(listed.message());
        }
        List<PostgresContainer> found = new ArrayList<>();
        for (JsonElement item : listed.json().getAsJsonArray()) {
            inspect(item.getAsJsonObject().get("Id").getAsString()).ifPresent(found::add);
        }
        return found;
    }

    /** Removes a container and its volumes; quietly when it is already gone. */
    public void remove(String id) {
        reaper.keep(id);
        try {
            engine.delete("/containers/" + id + "?force=true&v=true");
        } catch (IOException e) {
            log.warn(
                    "Could not remove container " + id.substring(0, Math.min(12, id.length())) + ": " + e.getMessage());
        }
    }

    private void awaitReady(String databaseId, PostgresContainer container) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("user", container.user());
        properties.setProperty("password", container.password());
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("ApplicationName", "dbmig");
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        Driver driver = new Driver();
        for (int attempt = 0; ; attempt++) {
            try (Connection ignored = driver.connect(container.url(USER), properties)) {
                return;
            } catch (SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    remove(container.id());
                    throw failure(
                            databaseId, container.image(), "waiting for PostgreSQL in the container", e.getMessage());
                }
                if (attempt % 10 == 9 && inspect(container.id()).isEmpty()) {
                    String logs = engine.get("/containers/" + container.id() + "/logs?stdout=1&stderr=1&tail=20")
                            .body();
                    remove(container.id());
                    throw failure(
                            databaseId,
                            container.image(),
                            "starting PostgreSQL",
                            "the container stopped; its last lines: "
                                    + logs.replaceAll("[\\x00-\\x08\\x0e-\\x1f]", "")
                                            .strip());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    remove(container.id());
                    throw failure(databaseId, container.image(), "waiting for PostgreSQL", "interrupted");
                }
            }
        }
    }

    private static SetupException failure(String databaseId, String image, String what, String why) {
        return new SetupException(about(databaseId) + "<image>" + image + "</image>: " + what + " failed: " + why);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
