package io.github.dbmig.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static io.github.dbmig.config.SqlIdentifier.quote;

/** A table of dbmig's bookkeeping, in the managed schema or, without one, wherever the search_path leads. */
final class OwnTable {

    private final String qualified;

    OwnTable(String schema, String table) {
        this.qualified = schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** The quoted, schema-qualified name for SQL text. */
    String sql() {
        return qualified;
    }

    boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, qualified);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
