package io.github.dbmig.testdb;

import io.github.dbmig.testdb.docker.PostgresContainer;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases that {@code dbmig:start} made ready in this build of this project, so that later goals of the same
 * module (upgrade, verify, status, stop) find them. It lives in the build tool's per-project, per-build store (Maven's
 * project context values), never in a static field: under a daemon that keeps plugin classes between builds, the next
 * build neither sees nor stops what this one started, and each module of a multi-module build has its own.
 */
public final class StartedDatabases {

    /** The key it is kept under in the build's store. */
    static final String KEY = "io.github.dbmig.started";

    /**
     * A database that {@code dbmig:start} made ready.
     *
     * @param container its container, or null for a {@code <url>} database
     * @param database  the database's name in the container
     * @param reused    whether the container is kept for the next build
     */
    public record Started(PostgresContainer container, String database, boolean reused) {}

    private final Map<String, Started> started = new ConcurrentHashMap<>();

    private StartedDatabases() {}

    /** This build's, from its store; made there on first use. */
    public static StartedDatabases in(Map<String, Object> buildState) {
        return (StartedDatabases) buildState.computeIfAbsent(KEY, key -> new StartedDatabases());
    }

    void put(String databaseId, Started database) {
        started.put(databaseId, database);
    }

    Optional<Started> get(String databaseId) {
        return Optional.ofNullable(started.get(databaseId));
    }

    Optional<Started> remove(String databaseId) {
        return Optional.ofNullable(started.remove(databaseId));
    }

    /** Every database still started, by id, taken out: at the end of the build. */
    SortedMap<String, Started> removeAll() {
        SortedMap<String, Started> all = new TreeMap<>(started);
        started.keySet().removeAll(all.keySet());
        return all;
    }
}
