package io.github.dbmig.migration.tables;

import io.github.dbmig.connect.SqlIdentifier;
import io.github.dbmig.migration.session.OwnTables;
import io.github.dbmig.schema.Fingerprint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** The schema fingerprint recorded after the last change dbmig made: what {@code verify} compares against. */
final class FingerprintStore {

    private final String qualified;

    FingerprintStore(OwnTables tables) {
        this.qualified = tables.fingerprint();
    }

    String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + qualified
                + " (recorded_at timestamptz NOT NULL DEFAULT now(), hash char(64) NOT NULL, content text NOT NULL)";
    }

    /** The statements that make {@code fingerprint} the recorded one, with literals. */
    List<String> saveStatements(Fingerprint fingerprint) {
        return List.of(
                "DELETE FROM " + qualified,
                "INSERT INTO " + qualified + " (hash, content) VALUES (" + SqlIdentifier.literal(fingerprint.hash())
                        + ", " + SqlIdentifier.literal(fingerprint.toText()) + ")");
    }

    /** Replaces the recorded fingerprint; on the caller's transaction. */
    void save(Connection connection, Fingerprint fingerprint) throws SQLException {
        try (Statement clear = connection.createStatement();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO " + qualified + " (hash, content) VALUES (?, ?)")) {
            clear.execute("DELETE FROM " + qualified);
            insert.setString(1, fingerprint.hash());
            insert.setString(2, fingerprint.toText());
            insert.executeUpdate();
        }
    }

    Optional<Fingerprint> load(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet rs =
                        query.executeQuery("SELECT content FROM " + qualified + " ORDER BY recorded_at DESC LIMIT 1")) {
            return rs.next() ? Optional.of(Fingerprint.parse(rs.getString(1))) : Optional.empty();
        }
    }
}
