package io.github.dbmig.engine;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.SqlIdentifier;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The one connection a goal uses on a database: manual commit, {@code search_path} led by the managed schema, and
 * dbmig's session settings (PostgreSQL's {@code lock_timeout} for scripts; idle timeouts off, so that a long backup or
 * a pause between scripts cannot end the session; on PostgreSQL 14+, a check for a vanished client during long
 * statements). Goals that write also hold dbmig's advisory lock on it: it goes when the session ends, so a run whose
 * session is lost can apply nothing further.
 */
public final class DatabaseSession implements AutoCloseable {

    private final Database database;
    private final Connection connection;
    private final int serverMajor;
    private final OwnTables tables;
    private final String settings;
    private AdvisoryLock lock;

    private DatabaseSession(Database database, Connection connection, int serverMajor, OwnTables tables, String settings) {
        this.database = database;
        this.connection = connection;
        this.serverMajor = serverMajor;
        this.tables = tables;
        this.settings = settings;
    }

    /** Opens a session; it takes no lock (see {@link #lock}). */
    public static DatabaseSession open(Database database) {
        Connection connection = PgConnector.open(database);
        try {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            String schema;
            String searchPath;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_schema(), current_setting('search_path')")) {
                rs.next();
                schema = database.schema() != null ? database.schema() : rs.getString(1);
                searchPath = database.schema() != null ? SqlIdentifier.quote(database.schema()) + ", " + rs.getString(2)
                        : rs.getString(2);
            }
            if (schema == null) {
                throw new SetupException("Database " + database.id() + ": no schema of the search_path exists to hold the"
                        + " changelog; set <schema> on the <database>.");
            }
            String settings = settingsSql(searchPath, database.lockTimeout(), major);
            try (Statement statement = connection.createStatement()) {
                statement.execute(settings);
            }
            connection.setAutoCommit(false);
            DatabaseSession session = new DatabaseSession(database, connection, major,
                    new OwnTables(schema, database.changelogTable()), settings);
            session.limitReads(true);
            return session;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof SetupException s) {
                throw s;
            }
            throw new SetupException("Database " + database.id() + ": cannot prepare the connection: " + e.getMessage(), e);
        }
    }

    /** The statement that puts dbmig's settings in place, literals only, so that it can run again after a script. */
    private static String settingsSql(String searchPath, Duration lockTimeout, int major) {
        StringBuilder sql = new StringBuilder("SELECT set_config('search_path', ").append(literal(searchPath))
                .append(", false), set_config('lock_timeout', '").append(lockTimeout.toMillis()).append("ms', false)")
                .append(", set_config('idle_in_transaction_session_timeout', '0', false)");
        if (major >= 14) {
            // a build killed mid-script leaves its backend running the statement until it next talks to the client;
            // with this the server notices the vanished client within a second and aborts, releasing its locks
            sql.append(", set_config('idle_session_timeout', '0', false)")
                    .append(", set_config('client_connection_check_interval', '1000', false)");
        }
        return sql.toString();
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Takes dbmig's advisory lock for this changelog, waiting up to {@code wait} for another run to finish.
     */
    public void lock(Duration wait, Log log) throws SQLException {
        lock = AdvisoryLock.acquire(connection, database.id(), tables.lockName(), wait, log);
        connection.commit();
    }

    /**
     * Puts every setting a script may have changed (search_path, role, and the rest) back to the session's defaults,
     * then dbmig's own settings; outside a transaction.
     */
    public void restoreSettings() throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            // RESET ALL leaves the role alone, so it is reset on its own; one round trip for all of it
            statement.execute("RESET SESSION AUTHORIZATION; RESET ROLE; RESET ALL; " + settings);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Turns the read timeout for dbmig's own queries on ({@code <readTimeout>}), or off while a script's own
     * statements run, which may take as long as they need.
     */
    void limitReads(boolean limited) throws SQLException {
        connection.setNetworkTimeout(Runnable::run, limited ? (int) Math.min(Integer.MAX_VALUE, database.readTimeout().toMillis()) : 0);
    }

    /** Logs every 30 seconds while {@code what} keeps PostgreSQL busy; close it when the call returns. */
    Watch watch(String what, Log log) {
        return Watch.start(log, database.id(), what);
    }

    /** Fails (and so rolls back the transaction it runs in) unless this session still holds dbmig's lock. */
    String lockCheckStatement() {
        return lock == null ? null : lock.checkStatement();
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
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
