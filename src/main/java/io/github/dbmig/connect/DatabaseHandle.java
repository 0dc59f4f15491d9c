package io.github.dbmig.connect;

/** A database ready to connect to, possibly one that exists only until {@link #close()}. */
public interface DatabaseHandle extends AutoCloseable {

    ConnectionTarget target();

    /** Releases what the handle started; never fails. */
    @Override
    void close();

    /** A database that exists on its own: nothing to start or stop. */
    static DatabaseHandle existing(ConnectionTarget target) {
        return new DatabaseHandle() {
            @Override
            public ConnectionTarget target() {
                return target;
            }

            @Override
            public void close() {
                // the database outlives the goal
            }
        };
    }
}
