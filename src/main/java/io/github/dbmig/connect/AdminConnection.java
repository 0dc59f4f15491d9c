package io.github.dbmig.connect;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static io.github.dbmig.errors.Messages.about;

/**
 * A connection to the server's maintenance database ({@code postgres}, else {@code template1}), for creating,
 * dropping and renaming databases, none of which can be done from inside the database concerned. What it asks of the
 * server is {@link #server()}; the temporary databases it makes, guards and sweeps are {@link #temporaries()}.
 */
public final class AdminConnection implements AutoCloseable {

    private final Connection connection;
    private final ServerQueries server;
    private final TemporaryDatabases temporaries;

    private AdminConnection(Connection connection, String databaseId) {
        this.connection = connection;
        this.server = new ServerQueries(connection);
        this.temporaries = new TemporaryDatabases(connection, databaseId);
    }

    /**
     * Opens it and first drops what dbmig's own killed runs left on that server
     * ({@link TemporaryDatabases#dropLeftovers}), saying so: every goal that reaches a server this way, or through a
     * database session that finds leftovers, tidies it.
     */
    public static AdminConnection open(Database database, Log log) throws SQLException {
        AdminConnection admin = open(database);
        try {
            admin.temporaries.dropLeftovers(log);
            return admin;
        } catch (SQLException | RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    /** Opens it without tidying the server: for a shutdown hook, which has no log to say what it dropped. */
    public static AdminConnection open(Database database) {
        SetupException last = null;
        for (String maintenance : new String[] {"postgres", "template1"}) {
            try {
                Connection c = PgConnector.open(database, database.url().withDatabase(maintenance));
                c.setAutoCommit(true);
                return new AdminConnection(c, database.id());
            } catch (SetupException e) {
                last = e;
            } catch (SQLException e) {
                last = new SetupException(about(database.id()) + e.getMessage(), e);
            }
        }
        throw last;
    }

    /** Who this connection is and what the server is: its user's rights, its version, its roles and databases. */
    public ServerQueries server() {
        return server;
    }

    /** dbmig's temporary databases on this server: made, kept, dropped, and what killed runs left swept. */
    public TemporaryDatabases temporaries() {
        return temporaries;
    }

    /** Drops a database, ending its sessions first. */
    public void drop(String name) throws SQLException {
        drop(connection, name);
    }

    /**
     * Drops a database over any connection to another database of its server (in autocommit mode), ending its
     * sessions first.
     */
    public static void drop(Connection admin, String name) throws SQLException {
        try (PreparedStatement end = admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <>"
                        + " pg_backend_pid()")) {
            end.setString(1, name);
            end.execute();
        }
        execute(admin, "DROP DATABASE IF EXISTS " + SqlIdentifier.quote(name));
    }

    public void rename(String from, String to) throws SQLException {
        execute(connection, "ALTER DATABASE " + SqlIdentifier.quote(from) + " RENAME TO " + SqlIdentifier.quote(to));
    }

    /** Lets new sessions into a database, or keeps them out (while it is about to be replaced). */
    public void allowConnections(String name, boolean allow) throws SQLException {
        execute(connection, "ALTER DATABASE " + SqlIdentifier.quote(name) + " WITH ALLOW_CONNECTIONS " + allow);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
