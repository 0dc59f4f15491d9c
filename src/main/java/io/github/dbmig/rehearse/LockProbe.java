package io.github.dbmig.rehearse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a script holds: the strongest lock it took on each table (PostgreSQL's names, as in {@code pg_locks}), read
 * from its own session before it commits; and exact row counts.
 */
final class LockProbe {

    /** PostgreSQL's table lock modes, weakest first. */
    static final List<String> MODES = List.of(
            "AccessShareLock",
            "RowShareLock",
            "RowExclusiveLock",
            "ShareUpdateExclusiveLock",
            "ShareLock",
            "ShareRowExclusiveLock",
            "ExclusiveLock",
            "AccessExclusiveLock");

    private LockProbe() {}

    /**
     * The strongest lock this session holds on each table, view or materialized view (not indexes, not the catalog),
     * by qualified name.
     *
     * @param excluded dbmig's own tables, by qualified name
     */
    static Map<String, String> heldBy(Connection connection, List<String> excluded) throws SQLException {
        Map<String, String> strongest = new TreeMap<>();
        try (Statement query = connection.createStatement();
                ResultSet rs = query.executeQuery(
                        "SELECT n.nspname || '.' || c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid ="
                                + " l.relation"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE l.locktype = 'relation' AND"
                                + " l.granted"
                                + " AND l.pid = pg_backend_pid() AND c.relkind IN ('r', 'p', 'm', 'v', 'f')"
                                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~"
                                + " '^pg_toast'")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!excluded.contains(table)) {
                    strongest.merge(table, rs.getString(2), (a, b) -> MODES.indexOf(a) >= MODES.indexOf(b) ? a : b);
                }
            }
        }
        return strongest;
    }

    /** Exact row counts of these tables, in the session's view (inside its transaction: what the script left). */
    static Map<String, Long> rows(Connection connection, Iterable<String> tables) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement kind =
                        connection.prepareStatement("SELECT relkind FROM pg_class WHERE oid = to_regclass(?)");
                Statement count = connection.createStatement()) {
            for (String table : tables) {
                kind.setString(1, quoted(table));
                try (ResultSet rs = kind.executeQuery()) {
                    if (!rs.next() || !"rp".contains(rs.getString(1))) {
                        continue; // gone, or a view
                    }
                }
                try (ResultSet rs = count.executeQuery("SELECT count(*) FROM " + quoted(table))) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Every table of these schemas, by qualified name. */
    static List<String> tables(Connection connection, List<String> schemas) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT n.nspname || '.' || c.relname FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname"
                        + " = ANY(?)"
                        + " ORDER BY 1")) {
            query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        }
    }

    private static String quoted(String qualified) {
        int dot = qualified.indexOf('.');
        return "\"" + qualified.substring(0, dot).replace("\"", "\"\"") + "\".\""
                + qualified.substring(dot + 1).replace("\"", "\"\"") + "\"";
    }
}
