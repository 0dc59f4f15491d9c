package io.github.dbmig.backup;

import io.github.dbmig.config.BackupSettings;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.PgUrl;
import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.log.Log;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The thorough check ({@code -Ddbmig.backup.verify=full}): restore the new backup into a scratch database, compare
 * the exact row count of every table (and the number of large objects) with the source, then drop the scratch.
 */
final class FullVerification {

    private final Database database;
    private final BackupSettings settings;
    private final ClientTools tools;
    private final ProcessRunner runner;
    private final Log log;

    FullVerification(Database database, ClientTools tools, ProcessRunner runner, Log log) {
        this.database = database;
        this.settings = database.backup();
        this.tools = tools;
        this.runner = runner;
        this.log = log;
    }

    void run(Path backup, int serverMajor) throws IOException {
        try (AdminConnection admin = AdminConnection.open(database, log)) {
            admin.temporaries()
                    .use(
                            "verify_" + database.id().replaceAll("[^A-Za-z0-9_]", "_"),
                            null,
                            "full verification of a backup of " + database.id(),
                            scratch -> restoreAndCompare(backup, serverMajor, scratch.name()));
        } catch (SQLException e) {
            throw new IOException("full verification failed: " + e.getMessage(), e);
        }
    }

    /** Restores the backup into the scratch database and compares its row counts with the source's. */
    private void restoreAndCompare(Path backup, int serverMajor, String scratch) throws IOException, SQLException {
        PgUrl scratchUrl = database.url().withDatabase(scratch);
        new Restorer(tools, runner)
                .restore(
                        settings.format(),
                        backup,
                        ClientEnvironment.of(database, scratchUrl),
                        settings.jobs(),
                        serverMajor);
        Map<String, Long> source;
        Map<String, Long> copy;
        try (Connection c = PgConnector.open(database)) {
            source = rowCounts(c, settings.schemas());
        }
        try (Connection c = PgConnector.open(database, scratchUrl)) {
            copy = rowCounts(c, settings.schemas());
        }
        if (!source.equals(copy)) {
            List<String> differences = new ArrayList<>();
            source.forEach((table, count) -> {
                if (!count.equals(copy.get(table))) {
                    differences.add(table + ": " + count + " in the database, " + copy.get(table) + " restored");
                }
            });
            copy.keySet().stream()
                    .filter(t -> !source.containsKey(t))
                    .forEach(t -> differences.add(t + ": only in the backup"));
            throw new IOException("full verification found different row counts (if the database was written to"
                    + " during the backup, run it again in a quiet moment): " + String.join("; ", differences));
        }
        long rows = source.values().stream().mapToLong(Long::longValue).sum();
        log.info("Full verification of the backup of " + database.id() + ": restored into a scratch database, "
                + (source.size() - 1) + " table(s) and " + rows + " row(s) and large object(s) match the source.");
    }

    static Map<String, Long> rowCounts(Connection c, List<String> schemas) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        String filter = schemas.isEmpty()
                ? "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                : "n.nspname = ANY(ARRAY["
                        + String.join(
                                ", ",
                                schemas.stream()
                                        .map(s -> "'" + s.replace("'", "''") + "'")
                                        .toList()) + "])";
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) FROM pg_class t"
                                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND "
                                + filter + " ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_largeobject_metadata")) {
                rs.next();
                counts.put("(large objects)", rs.getLong(1));
            }
        }
        return counts;
    }
}
