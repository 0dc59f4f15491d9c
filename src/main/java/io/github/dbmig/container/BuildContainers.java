package io.github.dbmig.container;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases that {@code dbmig:start} made ready in this build, so that later goals of the same module (upgrade,
 * verify, status, stop) find them. Kept for as long as the plugin is loaded, which is the whole build; each module
 * of a multi-module build has its own.
 */
public final class BuildContainers {

    /**
     * A database that {@code dbmig:start} made ready.
     *
     * @param container its container, or null for a {@code <url>} database
     * @param database  the database's name in the container
     * @param reused    whether the container is kept for the next build
     */
    public record Started(PostgresContainer container, String database, boolean reused) {
    }

    private static final Map<String, Started> STARTED = new ConcurrentHashMap<>();

    private BuildContainers() {
    }

    public static void put(Path project, String databaseId, Started started) {
        STARTED.put(key(project, databaseId), started);
    }

    public static Optional<Started> get(Path project, String databaseId) {
        return Optional.ofNullable(STARTED.get(key(project, databaseId)));
    }

    public static Optional<Started> remove(Path project, String databaseId) {
        return Optional.ofNullable(STARTED.remove(key(project, databaseId)));
    }

    private static String key(Path project, String databaseId) {
        return project.toAbsolutePath().normalize() + "\n" + databaseId;
    }
}
