package io.github.dbmig.backup;

import io.github.dbmig.connect.ConnectionTarget;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.engine.MigrationLog;

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

    private final BackupSettings settings;
    private final MigrationLog log;

    FullVerification(BackupSettings settings, MigrationLog log) {
        this.settings = settings;
        this.log = log;
    }

    void run(String databaseId, ConnectionTarget target, Path backup, ClientEnvironment env, BackupService.ServerFacts server)
            throws IOException {
        String scratch = "dbmig_verify_" + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime());
        try (AdminConnection admin = AdminConnection.open(databaseId, target)) {
            admin.create(scratch, null);
            try {
                Restorer.restore(settings.format(), backup, env.forDatabase(scratch), settings.jobs(), server.major(),
                        settings.pgBinDir());
                Map<String, Long> source;
                Map<String, Long> copy;
                try (Connection c = PgConnector.open(databaseId, target)) {
                    source = rowCounts(c, settings.schemas());
                }
                ConnectionTarget scratchTarget = new ConnectionTarget(JdbcUrls.withDatabase(target.url(), scratch), target.credentials());
                try (Connection c = PgConnector.open(databaseId, scratchTarget)) {
                    copy = rowCounts(c, settings.schemas());
                }
                if (!source.equals(copy)) {
                    List<String> differences = new ArrayList<>();
                    source.forEach((table, count) -> {
                        if (!count.equals(copy.get(table))) {
                            differences.add(table + ": " + count + " in the database, " + copy.get(table) + " restored");
                        }
                    });
                    copy.keySet().stream().filter(t -> !source.containsKey(t)).forEach(t -> differences.add(t + ": only in the backup"));
                    throw new IOException("full verification found different row counts (if the database was written to"
                            + " during the backup, run it again in a quiet moment): " + String.join("; ", differences));
                }
                long rows = source.values().stream().mapToLong(Long::longValue).sum();
                log.info("Full verification of the backup of " + databaseId + ": restored into a scratch database, "
                        + (source.size() - 1) + " table(s) and " + rows + " row(s) and large object(s) match the source.");
            } finally {
                admin.drop(scratch);
            }
        } catch (SQLException e) {
            throw new IOException("full verification failed: " + e.getMessage(), e);
        }
    }

    static Map<String, Long> rowCounts(Connection c, List<String> schemas) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        String filter = schemas.isEmpty() ? "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                : "n.nspname = ANY(ARRAY[" + String.join(", ", schemas.stream().map(s -> "'" + s.replace("'", "''") + "'").toList()) + "])";
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) FROM pg_class t"
                     + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p') AND " + filter + " ORDER BY 1")) {
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
