package io.github.dbmig.testdb;

import io.github.dbmig.config.Database;

/**
 * A database ready to connect to for the length of a goal: a {@code <url>} one as it is; an {@code <image>} one in the
 * container that {@code dbmig:start} started (or a reused one), or in a throwaway container that {@link #close()}
 * removes.
 *
 * @param database the database, with its URL and credentials known
 * @param origin   where it runs, for the log: a container and the URL it was published at; or null for a {@code <url>}
 * @param stop     what to do when the goal ends
 */
public record RunningDatabase(Database database, String origin, Runnable stop) implements AutoCloseable {

    /** A database that exists on its own: nothing to start or stop. */
    public static RunningDatabase existing(Database database) {
        return new RunningDatabase(database, null, () -> {});
    }

    @Override
    public void close() {
        stop.run();
    }
}
