package io.github.dbmig.testdb.docker;

import com.google.gson.JsonObject;
import io.github.dbmig.container.ContainerEngine;
import io.github.dbmig.container.RunRequest;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import org.postgresql.Driver;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static io.github.dbmig.errors.Messages.about;

/**
 * dbmig's PostgreSQL containers, run through a {@link ContainerEngine}: started from an image (pulled when missing)
 * with a
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

    private static final String USER = PostgresRun.USER;
    private static final long READY_MILLIS = 120_000;

    private final ContainerEngine engine;
    private final Reaper reaper;
    private final Log log;
    private final boolean dataInMemory;

    private Containers(ContainerEngine engine, Reaper reaper, Log log, boolean dataInMemory) {
        this.engine = engine;
        this.reaper = reaper;
        this.log = log;
        this.dataInMemory = dataInMemory;
    }

    /**
     * The same engine, its containers keeping their data directory in memory (a tmpfs) or not: in memory (the
     * default), creating and copying databases is several times faster than on the container's disk.
     */
    public Containers withDataInMemory(boolean inMemory) {
        return new Containers(engine, reaper, log, inMemory);
    }

    /**
     * The container engine, once it answers; fails saying so, and what to do instead, when it does not.
     *
     * @param reaper this build's containers, which go when the build ends unless kept
     */
    public static Containers connect(String databaseId, ContainerEngine engine, Reaper reaper, Log log) {
        try {
            engine.ping();
        } catch (IOException e) {
            throw new SetupException(about(databaseId) + e.getMessage() + " A database with an <image> needs a running"
                    + " container engine (Docker, or Podman with <dockerExecutable>podman</dockerExecutable>); without"
                    + " one, declare the database with a <url> to a PostgreSQL server instead.");
        }
        return new Containers(engine, reaper, log, true);
    }

    /** The engine, for messages. */
    public String engine() {
        return engine.describe();
    }

    /**
     * Starts a container from {@code image} and waits until PostgreSQL accepts connections.
     *
     * @param labels dbmig's labels for it
     */
    public PostgresContainer start(String databaseId, String image, Map<String, String> labels) {
        try {
            pullIfMissing(databaseId, image);
        } catch (IOException e) {
            String why = e.getMessage();
            throw failure(
                    databaseId,
                    image,
                    "pulling the image",
                    why + (why.matches("(?s).*[.?!]$") ? "" : ".") + PostgresRun.login(image));
        }
        try {
            RunRequest request = PostgresRun.request(databaseId, image, labels, dataInMemory);
            String id;
            try {
                id = engine.run(request);
            } catch (IOException e) {
                remove(request.name()); // created, perhaps, and not started (a port taken, a timeout): nothing stays
                throw e;
            }
            reaper.removeAtEnd(engine, id);
            Optional<PostgresContainer> running = inspect(id);
            if (running.isEmpty()) {
                String logs = engine.logs(id, 20);
                remove(id);
                throw failure(
                        databaseId,
                        image,
                        "starting the container",
                        "it stopped at once; its last lines: " + logs.strip());
            }
            PostgresContainer container = running.get();
            awaitReady(databaseId, container);
            return container;
        } catch (IOException e) {
            throw failure(databaseId, image, "starting the container", e.getMessage());
        }
    }

    /** Keeps a container after the build (reuse): it is no longer removed when the build ends. */
    public void keep(PostgresContainer container) {
        reaper.keep(container.id());
    }

    private void pullIfMissing(String databaseId, String image) throws IOException {
        if (engine.hasImage(image)) {
            return;
        }
        log.info("Pulling " + image + " for database " + databaseId + "...");
        engine.pull(image);
    }

    /** The container with this id, running, with its published port; empty when it is gone or stopped. */
    public Optional<PostgresContainer> inspect(String id) throws IOException {
        Optional<JsonObject> json = engine.inspect(id);
        return json.isEmpty()
                ? Optional.empty()
                : PostgresContainer.ofInspection(id, json.get(), engine.publishedHost(), USER);
    }

    /**
     * One of dbmig's containers, whatever its state.
     *
     * @param running the container, when it runs with its port published; null when it does not (exited, created)
     */
    public record Labelled(String id, String image, Map<String, String> labels, PostgresContainer running) {

        /** The first 12 characters of the id, as {@code docker ps} shows it, and the image. */
        @Override
        public String toString() {
            return "container " + id.substring(0, Math.min(12, id.length())) + " (" + image + ")";
        }
    }

    /** Every container of dbmig's that carries all of these labels, running or not (one listing, one inspection). */
    public List<Labelled> everyOne(Map<String, String> labels) throws IOException {
        Map<String, String> all = new HashMap<>(labels);
        all.put(LABEL, "true");
        List<String> ids = engine.all(all);
        List<Labelled> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        String host = engine.publishedHost();
        for (JsonObject json : engine.inspect(ids)) {
            String id = json.get("Id").getAsString();
            JsonObject config = json.getAsJsonObject("Config");
            Map<String, String> labelled = new HashMap<>();
            if (config.get("Labels") != null && config.get("Labels").isJsonObject()) {
                config.getAsJsonObject("Labels")
                        .entrySet()
                        .forEach(e -> labelled.put(e.getKey(), e.getValue().getAsString()));
            }
            PostgresContainer running =
                    PostgresContainer.ofInspection(id, json, host, USER).orElse(null);
            found.add(new Labelled(id, config.get("Image").getAsString(), labelled, running));
        }
        return found;
    }

    /** Removes a container and its volumes; quietly when it is already gone. */
    public void remove(String id) {
        reaper.keep(id);
        try {
            engine.remove(id);
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
                    String logs = engine.logs(container.id(), 20);
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
}
