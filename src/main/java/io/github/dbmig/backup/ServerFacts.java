package io.github.dbmig.backup;

import io.github.dbmig.config.Database;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.errors.SetupException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backup needs to know of the server, read over JDBC before anything is written.
 *
 * @param major        server major version
 * @param version      server version text
 * @param databaseName the database's name
 * @param owner        its owner
 * @param sizeBytes    its size
 */
record ServerFacts(int major, String version, String databaseName, String owner, long sizeBytes) {

    /** Reads the facts, and checks that the schemas to dump exist. */
    static ServerFacts read(Database database, List<String> schemas) {
        try (Connection c = PgConnector.open(database);
                PreparedStatement q = c.prepareStatement("SELECT current_setting('server_version_num')::int / 10000,"
                        + " current_setting('server_version'), current_database(), pg_get_userbyid(d.datdba),"
                        + " pg_database_size(current_database()) FROM pg_database d WHERE d.datname ="
                        + " current_database()");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            ServerFacts facts =
                    new ServerFacts(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
            checkSchemas(c, database.id(), schemas);
            return facts;
        } catch (SQLException e) {
            throw new SetupException("Database " + database.id() + " does not answer: " + e.getMessage(), e);
        }
    }

    private static void checkSchemas(Connection c, String databaseId, List<String> schemas) throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>(schemas);
        try (PreparedStatement q = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname = ANY(?)")) {
            Array array = c.createArrayOf("text", schemas.toArray());
            q.setArray(1, array);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getString(1));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new SetupException("<backup><schemas> names schema(s) that database " + databaseId
                    + " does not have: " + String.join(", ", missing) + ".");
        }
    }
}
