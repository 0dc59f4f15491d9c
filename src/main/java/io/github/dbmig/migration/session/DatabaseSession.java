package io.github.dbmig.migration.session;

import io.github.dbmig.config.Database;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.connect.TemporaryDatabases;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import static io.github.dbmig.connect.SqlIdentifier.literal;
import static io.github.dbmig.connect.SqlIdentifier.quote;
import static io.github.dbmig.errors.Messages.about;

/**
 * The one connection a goal uses on a database: manual commit, {@code search_path} led by the managed schema, and
 * dbmig's session settings (PostgreSQL's {@code lock_timeout} for scripts; idle timeouts off, so that a long backup or
 * a pause between scripts cannot end the session; on PostgreSQL 14+, a check for a vanished client during long
 * statements). Goals that write also hold dbmig's advisory lock on it: it goes when the session ends, so a run whose
 * session is lost can apply nothing further. Opening it takes one round trip after the login.
 */
public final class DatabaseSession implements AutoCloseable {

    private final Database database;
    private final Connection connection;
    private final int serverMajor;
    private final OwnTables tables;
    private final SessionSettings settings;
    private final boolean leftoversFound;
    private AdvisoryLock lock;
    private ScheduledExecutorService watches;

    private DatabaseSession(
            Database database,
            Connection connection,
            int serverMajor,
            OwnTables tables,
            SessionSettings settings,
            boolean leftoversFound) {
        this.database = database;
        this.connection = connection;
        this.serverMajor = serverMajor;
        this.tables = tables;
        this.settings = settings;
        this.leftoversFound = leftoversFound;
    }

    /** Opens a session; it takes no lock (see {@link #lock}). */
    public static DatabaseSession open(Database database) {
        Connection connection = PgConnector.open(database);
        try {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            String schema;
            String searchPath;
            boolean leftovers;
            try (Statement statement = connection.createStatement()) {
                // what the session is, and dbmig's settings, in one round trip
                statement.execute("SELECT current_schema(), current_setting('search_path'), EXISTS ("
                        + TemporaryDatabases.QUERY + "); " + SessionSettings.fixed(database.lockTimeout(), major)
                        + (database.schema() == null
                                ? ""
                                : "; SELECT set_config('search_path', " + literal(quote(database.schema()) + ", ")
                                        + " || current_setting('search_path'), false)"));
                try (ResultSet rs = statement.getResultSet()) {
                    rs.next();
                    schema = database.schema() != null ? database.schema() : rs.getString(1);
                    searchPath = database.schema() != null
                            ? quote(database.schema()) + ", " + rs.getString(2)
                            : rs.getString(2);
                    leftovers = rs.getBoolean(3);
                }
            }
            if (schema == null) {
                throw new SetupException(about(database.id()) + "no schema of the search_path exists to hold the"
                        + " changelog; set <schema> on the <database>.");
            }
            connection.setAutoCommit(false);
            DatabaseSession session = new DatabaseSession(
                    database,
                    connection,
                    major,
                    new OwnTables(schema, database.changelogTable()),
                    SessionSettings.of(searchPath, database.lockTimeout(), major),
                    leftovers);
            session.limitReads(true);
            return session;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof SetupException s) {
                throw s;
            }
            throw new SetupException(about(database.id()) + "cannot prepare the connection: " + e.getMessage(), e);
        }
    }

    /** Takes dbmig's advisory lock for this changelog, waiting up to {@code wait} for another run to finish. */
    public void lock(Duration wait, Log log) throws SQLException {
        lock = autoCommitted(c -> AdvisoryLock.acquire(c, database.id(), tables.lockName(), wait, log));
    }

    /** See {@link SessionSettings#restoreStatements()}. */
    List<String> restoreStatements() {
        return settings.restoreStatements();
    }

    /** See {@link SessionSettings#afterCommitStatements()}. */
    public List<String> afterCommitStatements() {
        return settings.afterCommitStatements();
    }

    /** Runs {@link #restoreStatements()}, in one round trip. */
    public void restoreSettings() throws SQLException {
        autoCommitted(c -> {
            try (Statement statement = c.createStatement()) {
                return statement.execute(String.join("; ", restoreStatements()));
            }
        });
    }

    /** Whether the server holds temporary databases a killed dbmig run may have left; dropping them is the caller's. */
    public boolean leftoversFound() {
        return leftoversFound;
    }

    /**
     * Turns the read timeout for dbmig's own queries on ({@code <readTimeout>}), or off while a script's own
     * statements run, which may take as long as they need.
     */
    public void limitReads(boolean limited) throws SQLException {
        connection.setNetworkTimeout(
                Runnable::run,
                limited
                        ? (int) Math.min(
                                Integer.MAX_VALUE, database.readTimeout().toMillis())
                        : 0);
    }

    /** Logs every 30 seconds while {@code what} keeps PostgreSQL busy; close it when the call returns. */
    public synchronized Watch watch(String what, Log log) {
        if (watches == null) {
            watches = Watch.timer();
        }
        return Watch.start(watches, log, database.id(), what);
    }

    /**
     * An expression for a SELECT that fails (and so rolls back the transaction it runs in) unless this session still
     * holds dbmig's lock; null when it takes none.
     */
    public String lockCheck() {
        return lock == null ? null : lock.checkExpression();
    }

    /**
     * Runs {@code work} outside any transaction, each statement its own: reads that need no BEGIN and COMMIT round
     * trips. A transaction the session had open is committed first.
     */
    public <T> T autoCommitted(SqlWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            return work.run(connection);
        } finally {
            setAutoCommitIfOpen(autoCommit);
        }
    }

    /*
     * After a read timeout PgJDBC closes the connection; work in a finally block must then not replace the failure that
     * says what happened with "This connection has been closed".
     */
    private void setAutoCommitIfOpen(boolean autoCommit) throws SQLException {
        if (!connection.isClosed()) {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Ends the transaction a read opened, unless the connection is already gone (see {@link #setAutoCommitIfOpen}). */
    public static void rollbackIfOpen(Connection connection) throws SQLException {
        if (!connection.isClosed()) {
            connection.rollback();
        }
    }

    /** Work on the session's connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    public Connection connection() {
        return connection;
    }

    public Database database() {
        return database;
    }

    public OwnTables tables() {
        return tables;
    }

    public int serverMajor() {
        return serverMajor;
    }

    @Override
    public void close() {
        closeQuietly(connection); // ends the session, and so releases the advisory lock
        synchronized (this) {
            if (watches != null) {
                watches.shutdownNow();
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
