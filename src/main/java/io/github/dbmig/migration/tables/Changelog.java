package io.github.dbmig.migration.tables;

import io.github.dbmig.migration.session.OwnTables;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static io.github.dbmig.connect.SqlIdentifier.literal;
import static io.github.dbmig.connect.SqlIdentifier.quote;

/**
 * The changelog table in MyBatis Migrations' layout ({@code ID NUMERIC(20,0)} primary key,
 * {@code APPLIED_AT VARCHAR(25)}, {@code DESCRIPTION VARCHAR(255)}), so MyBatis' {@code migrate status} reads
 * the same history.
 */
public final class Changelog {

    private static final int DESCRIPTION_LENGTH = 255;

    private final OwnTables tables;
    private final String qualified;

    public Changelog(OwnTables tables) {
        this.tables = tables;
        this.qualified = tables.changelog();
    }

    /** The statements {@link #create} runs on an empty database, for a dry run. */
    public List<String> createStatements(boolean schemaExists) {
        return schemaExists
                ? List.of(createTableStatement())
                : List.of(createSchemaStatement(), createTableStatement());
    }

    private String createSchemaStatement() {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(tables.schema());
    }

    private String createTableStatement() {
        return "CREATE TABLE IF NOT EXISTS " + qualified + " ("
                + "ID NUMERIC(20,0) NOT NULL, "
                + "APPLIED_AT VARCHAR(25) NOT NULL, "
                + "DESCRIPTION VARCHAR(255) NOT NULL, "
                + "CONSTRAINT " + quote("pk_" + tables.changelogTable()) + " PRIMARY KEY (ID))";
    }

    /** The changelog row for {@code script} as SQL text with literals, for a dry run. */
    public String insertStatement(ScriptFile script) {
        return "INSERT INTO " + qualified + " (ID, APPLIED_AT, DESCRIPTION) VALUES (" + script.id() + ", "
                + literal(appliedAtNow()) + ", " + literal(truncated(script.description())) + ")";
    }

    public String deleteStatement(ScriptId id) {
        return "DELETE FROM " + qualified + " WHERE ID = " + id;
    }

    private static String truncated(String description) {
        return description.length() > DESCRIPTION_LENGTH ? description.substring(0, DESCRIPTION_LENGTH) : description;
    }

    boolean schemaExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            query.setString(1, tables.schema());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    String selectStatement() {
        return "SELECT ID, APPLIED_AT, DESCRIPTION FROM " + qualified + " ORDER BY ID";
    }

    static List<AppliedScript> rows(ResultSet rs) throws SQLException {
        List<AppliedScript> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(new AppliedScript(ScriptId.of(rs.getBigDecimal(1)), rs.getString(2), rs.getString(3)));
        }
        return rows;
    }

    void insert(Connection connection, ScriptFile script) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + qualified + " (ID, APPLIED_AT, DESCRIPTION) VALUES (?, ?, ?)")) {
            insert.setBigDecimal(1, script.id().toBigDecimal());
            insert.setString(2, appliedAtNow());
            insert.setString(3, truncated(script.description()));
            insert.executeUpdate();
        }
    }

    void delete(Connection connection, ScriptId id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + qualified + " WHERE ID = ?")) {
            delete.setBigDecimal(1, id.toBigDecimal());
            delete.executeUpdate();
        }
    }

    /** MyBatis writes {@code new Timestamp(now).toString()}; the same text keeps both tools' output alike. */
    private static String appliedAtNow() {
        return new Timestamp(System.currentTimeMillis()).toString();
    }
}
