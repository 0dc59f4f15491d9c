package io.github.dbmig.connect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What an {@link AdminConnection} asks the server before it changes anything: who it logged in as and whether that
 * user may create databases, the server's major version, and whether a role or a database exists.
 */
public final class ServerQueries {

    private final Connection connection;

    ServerQueries(Connection connection) {
        this.connection = connection;
    }

    public boolean databaseExists(String name) throws SQLException {
        return exists("SELECT 1 FROM pg_database WHERE datname = ?", name);
    }

    public boolean roleExists(String name) throws SQLException {
        return exists("SELECT 1 FROM pg_roles WHERE rolname = ?", name);
    }

    /** The user this connection logged in as. */
    public String currentUser() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether that user may create databases here: it has CREATEDB, or is a superuser. */
    public boolean mayCreateDatabases() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    public int serverMajor() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean exists(String query, String name) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(query)) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
