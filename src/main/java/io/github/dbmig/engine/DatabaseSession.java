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

    private final Connection work;
    private Connection lockConnection;
    private AdvisoryLock lock;

    private DatabaseSession(Connection work) {
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
            try (PreparedStatement lockTimeout = work.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
                lockTimeout.setString(1, target.ddlLockTimeout().toMillis() + "ms");
                lockTimeout.execute();
            }
            abortWhenClientDies(work);
            work.setAutoCommit(false);
            return new DatabaseSession(work);
        } catch (SQLException e) {
            closeQuietly(work);
            throw new SetupException("Database " + target.databaseId() + ": cannot prepare the connection: " + e.getMessage(), e);
        }
    }

    /** Opens the session and takes the advisory lock, waiting up to the target's lock timeout. */
    static DatabaseSession openLocked(MigrationTarget target, MigrationLog log) throws SQLException {
        DatabaseSession session = open(target);
        try {
            session.lockConnection = PgConnector.open(target.databaseId(), target.connection());
            session.lock = AdvisoryLock.acquire(session.lockConnection, target.databaseId(), target.changelogName(),
                    target.lockTimeout(), log);
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * A build killed mid-script leaves its backend running the statement until it next talks to the client, holding
     * its locks meanwhile; PostgreSQL 14+ can check for a gone client during a statement and abort it at once.
     */
    private static void abortWhenClientDies(Connection work) {
        try {
            if (work.getMetaData().getDatabaseMajorVersion() >= 14) {
                try (PreparedStatement check = work.prepareStatement(
                        "SELECT set_config('client_connection_check_interval', '1000', false)")) {
                    check.execute();
                }
            }
        } catch (SQLException e) {
            // not supported on this platform: the server notices a gone client later, as before
        }
    }

    Connection connection() {
        return work;
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
