package io.github.dbmig.backup;

import io.github.dbmig.config.SqlIdentifier;
import io.github.dbmig.connect.ConnectionTarget;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.errors.SetupException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection to the server's maintenance database ({@code postgres}, else {@code template1}), for creating,
 * dropping and renaming databases, none of which can be done from inside the database concerned.
 */
final class AdminConnection implements AutoCloseable {

    private final Connection connection;

    private AdminConnection(Connection connection) {
        this.connection = connection;
    }

    static AdminConnection open(String databaseId, ConnectionTarget target) {
        SetupException last = null;
        for (String maintenance : new String[] {"postgres", "template1"}) {
            try {
                ConnectionTarget admin = new ConnectionTarget(JdbcUrls.withDatabase(target.url(), maintenance), target.credentials());
                Connection c = PgConnector.open(databaseId, admin);
                c.setAutoCommit(true);
                return new AdminConnection(c);
            } catch (SetupException | SQLException e) {
                last = e instanceof SetupException s ? s : new SetupException(e.getMessage(), e);
            }
        }
        throw last;
    }

    boolean databaseExists(String name) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    boolean roleExists(String name) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    void create(String name, String owner) throws SQLException {
        execute("CREATE DATABASE " + SqlIdentifier.quote(name) + (owner == null ? "" : " OWNER " + SqlIdentifier.quote(owner))
                + " TEMPLATE template0");
    }

    /** Drops a database, ending its sessions first. */
    void drop(String name) throws SQLException {
        try (PreparedStatement end = connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            end.setString(1, name);
            end.execute();
        }
        execute("DROP DATABASE IF EXISTS " + SqlIdentifier.quote(name));
    }

    void rename(String from, String to) throws SQLException {
        execute("ALTER DATABASE " + SqlIdentifier.quote(from) + " RENAME TO " + SqlIdentifier.quote(to));
    }

    Connection jdbc() {
        return connection;
    }

    private void execute(String sql) throws SQLException {
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
