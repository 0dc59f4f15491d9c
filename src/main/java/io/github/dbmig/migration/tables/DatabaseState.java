package io.github.dbmig.migration.tables;

import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.OwnTables;
import io.github.dbmig.script.ScriptId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * @param invalidIndexes    indexes of the managed schema left INVALID by a failed {@code CREATE INDEX CONCURRENTLY}
 */
public record DatabaseState(
        boolean schemaExists,
        boolean changelogExists,
        boolean historyExists,
        boolean fingerprintExists,
        boolean fingerprintRecorded,
        SortedMap<ScriptId, AppliedScript> applied,
        Map<ScriptId, String> checksums,
        List<HistoryRow> unfinished,
        SortedMap<String, ScriptId> tags,
        List<String> invalidIndexes) {

    /**
     * Reads the state on the session's connection, outside any transaction, in two round trips: which tables exist
     * (and which indexes a failed {@code CONCURRENTLY} left INVALID), then all that is to be read from them.
     */
    public static DatabaseState read(DatabaseSession session) throws SQLException {
        OwnTables tables = session.tables();
        return session.autoCommitted(connection -> {
            boolean schema;
            boolean changelog;
            boolean history;
            boolean fingerprint;
            boolean tagged;
            List<String> invalid = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE"
                    + " nspname = ?), to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT"
                    + " NULL,"
                    + " to_regclass(?) IS NOT NULL, ARRAY(" + Leftovers.INVALID_INDEXES + ")")) {
                query.setString(1, tables.schema());
                query.setString(2, tables.changelog());
                query.setString(3, tables.history());
                query.setString(4, tables.fingerprint());
                query.setString(5, tables.tags());
                query.setString(6, tables.schema());
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    schema = rs.getBoolean(1);
                    changelog = rs.getBoolean(2);
                    history = rs.getBoolean(3);
                    fingerprint = rs.getBoolean(4);
                    tagged = rs.getBoolean(5);
                    invalid.addAll(List.of((String[]) rs.getArray(6).getArray()));
                }
            }
            List<String> reads = new ArrayList<>();
            if (changelog) {
                reads.add(new Changelog(tables).selectStatement());
            }
            if (history) {
                reads.add(new History(tables).checksumsStatement());
                reads.add(new History(tables).unfinishedStatement());
            }
            if (fingerprint) {
                reads.add("SELECT EXISTS (SELECT 1 FROM " + tables.fingerprint() + ")");
            }
            if (tagged) {
                reads.add(Tags.selectStatement(tables));
            }
            SortedMap<ScriptId, AppliedScript> applied = new TreeMap<>();
            Map<ScriptId, String> checksums = Map.of();
            List<HistoryRow> unfinished = List.of();
            boolean recorded = false;
            SortedMap<String, ScriptId> tags = new TreeMap<>();
            if (!reads.isEmpty()) {
                try (Statement query = connection.createStatement()) {
                    query.execute(String.join("; ", reads));
                    if (changelog) {
                        try (ResultSet rs = next(query, reads.size())) {
                            Changelog.rows(rs).forEach(row -> applied.put(row.id(), row));
                        }
                    }
                    if (history) {
                        try (ResultSet rs = next(query, reads.size())) {
                            checksums = History.checksums(rs);
                        }
                        try (ResultSet rs = next(query, reads.size())) {
                            unfinished = History.rows(rs);
                        }
                    }
                    if (fingerprint) {
                        try (ResultSet rs = next(query, reads.size())) {
                            rs.next();
                            recorded = rs.getBoolean(1);
                        }
                    }
                    if (tagged) {
                        try (ResultSet rs = next(query, reads.size())) {
                            tags.putAll(Tags.rows(rs));
                        }
                    }
                }
            }
            return new DatabaseState(
                    schema,
                    changelog,
                    history,
                    fingerprint,
                    recorded,
                    Collections.unmodifiableSortedMap(applied),
                    Map.copyOf(checksums),
                    List.copyOf(unfinished),
                    Collections.unmodifiableSortedMap(tags),
                    List.copyOf(invalid));
        });
    }

    /** The next result of a multi-statement query: the first, then each one after. */
    private static ResultSet next(Statement query, int total) throws SQLException {
        ResultSet current = query.getResultSet();
        if (current != null && !current.isClosed()) {
            return current;
        }
        if (!query.getMoreResults()) {
            throw new SQLException("fewer results than the " + total + " queries sent");
        }
        return query.getResultSet();
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
