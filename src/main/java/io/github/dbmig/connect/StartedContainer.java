package io.github.dbmig.connect;

/**
 * A PostgreSQL container that {@code ContainerLauncher} started: where to reach it, and how to remove it. Only JDK types
 * cross this interface, since the implementation lives in a class loader of its own with Testcontainers.
 */
public interface StartedContainer extends AutoCloseable {

    String jdbcUrl();

    String username();

    /** The container's random password; never shown. */
    String password();

    /** Removes the container; never fails. */
    @Override
    void close();
}
