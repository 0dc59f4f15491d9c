package io.github.dbmig.engine;

import io.github.dbmig.script.ScriptId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a database stands, read once per run: which of dbmig's tables exist, the changelog, the checksum recorded
 * for each applied script, and the scripts an earlier run left unfinished outside a transaction.
 *
 * @param schemaExists      whether the schema of dbmig's tables exists
 * @param changelogExists   false on a database dbmig never touched
 * @param historyExists     whether {@code dbmig_history} exists
 * @param fingerprintExists whether {@code dbmig_fingerprint} exists
 * @param fingerprintRecorded whether it holds a reference fingerprint
 * @param applied           the changelog rows, by id
 * @param checksums         for each applied script whose newest up or stamp row has one: that checksum
 * @param unfinished        scripts whose newest history row is {@code running} or {@code failed}
 * @param tags              release tags, by name, with the script each names
 */
public record DatabaseState(boolean schemaExists, boolean changelogExists, boolean historyExists, boolean fingerprintExists,
                            boolean fingerprintRecorded, SortedMap<ScriptId, AppliedScript> applied, Map<ScriptId, String> checksums,
                            List<HistoryRow> unfinished, SortedMap<String, ScriptId> tags) {

    /** Reads the state on the session's connection and ends the read transaction. */
    public static DatabaseState read(DatabaseSession session) throws SQLException {
        Connection connection = session.connection();
        OwnTables tables = session.tables();
        try {
            boolean schema;
            boolean changelog;
            boolean history;
            boolean fingerprint;
            boolean tagged;
            try (PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE"
                    + " nspname = ?), to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL,"
                    + " to_regclass(?) IS NOT NULL")) {
                query.setString(1, tables.schema());
                query.setString(2, tables.changelog());
                query.setString(3, tables.history());
                query.setString(4, tables.fingerprint());
                query.setString(5, tables.tags());
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    schema = rs.getBoolean(1);
                    changelog = rs.getBoolean(2);
                    history = rs.getBoolean(3);
                    fingerprint = rs.getBoolean(4);
                    tagged = rs.getBoolean(5);
                }
            }
            boolean recorded = false;
            if (fingerprint) {
                try (Statement query = connection.createStatement();
                     ResultSet rs = query.executeQuery("SELECT EXISTS (SELECT 1 FROM " + tables.fingerprint() + ")")) {
                    rs.next();
                    recorded = rs.getBoolean(1);
                }
            }
            SortedMap<ScriptId, AppliedScript> applied = new TreeMap<>();
            if (changelog) {
                for (AppliedScript row : new Changelog(tables).read(connection)) {
                    applied.put(row.id(), row);
                }
            }
            Map<ScriptId, String> checksums = Map.of();
            List<HistoryRow> unfinished = List.of();
            if (history) {
                History h = new History(tables);
                checksums = h.recordedChecksums(connection);
                unfinished = h.unfinished(connection);
            }
            SortedMap<String, ScriptId> tags = tagged ? Tags.read(connection, tables) : new TreeMap<>();
            return new DatabaseState(schema, changelog, history, fingerprint, recorded, Collections.unmodifiableSortedMap(applied),
                    Map.copyOf(checksums), List.copyOf(unfinished), Collections.unmodifiableSortedMap(tags));
        } finally {
            connection.commit(); // each script gets a transaction of its own
        }
    }

    public Optional<ScriptId> newest() {
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.lastKey());
    }

    /** The applied ids, newest first. */
    public List<ScriptId> newestFirst() {
        return applied.keySet().stream().sorted(Comparator.reverseOrder()).toList();
    }

    /** Whether every bookkeeping table exists, so a run that changes something need create none. */
    public boolean tablesExist() {
        return changelogExists && historyExists && fingerprintExists;
    }
}
