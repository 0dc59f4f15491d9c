package io.github.dbmig.migration.tables;

import io.github.dbmig.migration.session.DatabaseSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What earlier runs left behind outside a transaction: scripts that failed or never finished, and indexes that a failed
 * {@code CREATE INDEX CONCURRENTLY} left INVALID. Upgrade warns about them before it tries again; verify reports them.
 */
public final class Leftovers {

    private Leftovers() {}

    /** The query of the indexes left INVALID in the schema given as its one parameter, by quoted name. */
    static final String INVALID_INDEXES = "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT i.indisvalid AND n.nspname = ? ORDER BY 1";

    /** One sentence per leftover that {@code state} shows. */
    public static List<String> describe(DatabaseState state) {
        List<String> problems = new ArrayList<>();
        for (HistoryRow row : state.unfinished()) {
            problems.add(
                    row.action().equals("failed")
                            ? "script " + row.scriptId() + " failed outside a transaction at " + row.startedAt() + " ("
                                    + row.detail()
                                    + "); fix it and run upgrade again, or finish the change by hand and record it"
                                    + " with dbmig:stamp"
                            : "script " + row.scriptId() + " (" + row.detail() + ") started outside a transaction at "
                                    + row.startedAt()
                                    + " and never finished (the build was killed or lost its connection);"
                                    + " check what it did, then run upgrade again or record it with dbmig:stamp");
        }
        state.invalidIndexes().forEach(index -> problems.add(invalid(index)));
        return problems;
    }

    /** Indexes left INVALID in the managed schema now, as sentences; outside any transaction. */
    public static List<String> invalidIndexes(DatabaseSession session) throws SQLException {
        return session.autoCommitted(connection -> {
            List<String> invalid = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(INVALID_INDEXES)) {
                query.setString(1, session.tables().schema());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        invalid.add(invalid(rs.getString(1)));
                    }
                }
            }
            return invalid;
        });
    }

    private static String invalid(String index) {
        return "index " + index + " is INVALID (left by a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY):"
                + " DROP INDEX CONCURRENTLY " + index + " before running the script again";
    }
}
