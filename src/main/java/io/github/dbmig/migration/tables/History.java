package io.github.dbmig.migration.tables;

import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.OwnTables;
import io.github.dbmig.script.ScriptId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.dbmig.connect.SqlIdentifier.literal;

/**
 * dbmig's own table beside the MyBatis changelog (which keeps its layout): a row for every up, down and stamp,
 * with the script's checksum and the provenance of the change. An applied script's recorded checksum is the one
 * of its newest up or stamp row.
 */
public final class History {

    private static final String COLUMNS =
            "script_id, action, checksum, started_at, duration_ms, db_user, os_user, host,"
                    + " project, git_commit, dbmig_version, fingerprint, detail, backup";

    private final String qualified;

    History(OwnTables tables) {
        this.qualified = tables.history();
    }

    /** The statement that creates the table, once its schema exists (the changelog is created first). */
    String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + qualified + " ("
                + "seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "script_id numeric(20,0) NOT NULL, "
                + "action varchar(16) NOT NULL, "
                + "checksum char(64), "
                + "started_at timestamptz NOT NULL, "
                + "duration_ms bigint NOT NULL, "
                + "db_user text NOT NULL, "
                + "os_user text, host text, project text, git_commit text, dbmig_version text, "
                + "fingerprint char(64), "
                + "detail text, "
                + "backup text)";
    }

    /** On the caller's transaction, or on its own in autocommit mode. */
    void record(Connection connection, HistoryRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + qualified
                + " (script_id, action, checksum, started_at, duration_ms, db_user, os_user, host, project,"
                + " git_commit,"
                + " dbmig_version, fingerprint, detail, backup) VALUES (?, ?, ?, ?, ?, session_user, ?, ?, ?,"
                + " ?, ?, ?, ?, ?)")) {
            Provenance p = row.provenance();
            insert.setBigDecimal(1, row.scriptId().toBigDecimal());
            insert.setString(2, row.action());
            insert.setString(3, row.checksum());
            insert.setTimestamp(4, Timestamp.from(row.startedAt()));
            insert.setLong(5, row.durationMs());
            insert.setString(6, p.osUser());
            insert.setString(7, p.host());
            insert.setString(8, p.project());
            insert.setString(9, p.gitCommit());
            insert.setString(10, p.dbmigVersion());
            insert.setString(11, row.fingerprint());
            insert.setString(12, row.detail());
            insert.setString(13, row.backup());
            insert.executeUpdate();
        }
    }

    /**
     * The row as one INSERT with literals, to travel in the script's own round trip: started when the transaction
     * started, its duration measured by the server when the row is written, and the session's user.
     */
    String insertStatement(HistoryRow row) {
        Provenance p = row.provenance();
        return "INSERT INTO " + qualified
                + " (script_id, action, checksum, started_at, duration_ms, db_user, os_user, host,"
                + " project, git_commit, dbmig_version, fingerprint, detail, backup) VALUES (" + row.scriptId() + ", "
                + literal(row.action()) + ", " + literal(row.checksum()) + ", now(),"
                + " (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, session_user, "
                + literal(p.osUser()) + ", "
                + literal(p.host()) + ", " + literal(p.project()) + ", " + literal(p.gitCommit()) + ", "
                + literal(p.dbmigVersion()) + ", " + literal(row.fingerprint()) + ", " + literal(row.detail()) + ", "
                + literal(row.backup()) + ")";
    }

    /** For each script whose newest up, stamp, down or unstamp row is an up or a stamp: the checksum recorded then. */
    String checksumsStatement() {
        return "SELECT DISTINCT ON (script_id) script_id, action, checksum FROM " + qualified
                + " WHERE action IN ('up', 'stamp', 'down', 'unstamp') ORDER BY script_id, seq DESC";
    }

    static Map<ScriptId, String> checksums(ResultSet rs) throws SQLException {
        Map<ScriptId, String> checksums = new HashMap<>();
        while (rs.next()) {
            String action = rs.getString(2);
            if ((action.equals("up") || action.equals("stamp")) && rs.getString(3) != null) {
                checksums.put(ScriptId.of(rs.getBigDecimal(1)), rs.getString(3));
            }
        }
        return checksums;
    }

    /**
     * Scripts whose newest row says a run outside a transaction started ({@code running}) or stopped ({@code failed}).
     */
    String unfinishedStatement() {
        return "SELECT * FROM (SELECT DISTINCT ON (script_id) " + COLUMNS + " FROM " + qualified
                + " ORDER BY script_id, seq DESC) newest WHERE action IN ('running', 'failed') ORDER BY script_id";
    }

    /** The newest history rows (provenance of every up, down and stamp), newest first; none before the first change. */
    public static List<HistoryRow> newest(DatabaseSession session, DatabaseState state, int limit) throws SQLException {
        if (!state.historyExists()) {
            return List.of();
        }
        try {
            return new History(session.tables()).newest(session.connection(), limit);
        } finally {
            DatabaseSession.rollbackIfOpen(session.connection());
        }
    }

    /** The newest rows first. */
    List<HistoryRow> newest(Connection connection, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + qualified + " ORDER BY seq DESC LIMIT ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, limit);
            try (ResultSet rs = query.executeQuery()) {
                return rows(rs);
            }
        }
    }

    static List<HistoryRow> rows(ResultSet rs) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        while (rs.next()) {
            Provenance p = new Provenance(
                    rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
            rows.add(new HistoryRow(
                    ScriptId.of(rs.getBigDecimal(1)),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant(),
                    rs.getLong(5),
                    rs.getString(6),
                    p,
                    rs.getString(12),
                    rs.getString(13),
                    rs.getString(14)));
        }
        return rows;
    }
}
