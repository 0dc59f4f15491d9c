package io.github.dbmig.engine;

import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.errors.SetupException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The connections of one goal on one database: the work connection (manual commit, search_path led by the
 * managed schema) and, for goals that write, a second connection that only holds the advisory lock.
 */
final class DatabaseSession implements AutoCloseable {

    private final MigrationTarget target;
    private final Connection work;
    private Connection lockConnection;
    private AdvisoryLock lock;

    private DatabaseSession(MigrationTarget target, Connection work) {
        this.target = target;
        this.work = work;
    }

    static DatabaseSession open(MigrationTarget target) {
        Connection work = PgConnector.open(target.databaseId(), target.connection());
        try {
            if (target.schema() != null) {
                try (PreparedStatement path = work.prepareStatement(
                        "SELECT set_config('search_path', quote_ident(?) || ', ' || current_setting('search_path'), false)")) {
                    path.setString(1, target.schema());
                    path.execute();
                }
            }
            work.setAutoCommit(false);
            return new DatabaseSession(target, work);
        } catch (SQLException e) {
            closeQuietly(work);
            throw new SetupException("Database " + target.databaseId() + ": cannot prepare the connection: " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return work;
    }

    /** Takes the advisory lock for the changelog, waiting up to the target's lock timeout. */
    void lock(MigrationLog log) throws SQLException {
        lockConnection = PgConnector.open(target.databaseId(), target.connection());
        lock = AdvisoryLock.acquire(lockConnection, target.databaseId(), target.changelogName(), target.lockTimeout(), log);
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.close();
            }
        } catch (SQLException ignored) {
            // closing the connection below releases the lock anyway
        }
        closeQuietly(lockConnection);
        closeQuietly(work);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
