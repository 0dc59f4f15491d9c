package io.github.dbmig.connect;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.PgUrl;

/**
 * A database ready to connect to for the length of a goal: a {@code <url>} one as it is, an {@code <image>} one with the
 * container started for it, which {@link #close()} removes.
 *
 * @param database  the database, with its URL and credentials known
 * @param container the container behind it, or null
 */
public record RunningDatabase(Database database, StartedContainer container) implements AutoCloseable {

    /** A database that exists on its own: nothing to start or stop. */
    public static RunningDatabase existing(Database database) {
        return new RunningDatabase(database, null);
    }

    static RunningDatabase inContainer(Database declared, StartedContainer container) {
        PgUrl url = PgUrl.parse(container.jdbcUrl(), "the container's URL");
        Credentials credentials = new Credentials(container.username(), container.password(), "throwaway container",
                "throwaway container");
        return new RunningDatabase(declared.connectedTo(url, credentials), container);
    }

    @Override
    public void close() {
        if (container != null) {
            container.close();
        }
    }
}
