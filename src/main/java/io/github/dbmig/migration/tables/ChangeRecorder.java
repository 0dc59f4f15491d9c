package io.github.dbmig.migration.tables;

import io.github.dbmig.migration.session.OwnTables;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptId;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes a change to the MyBatis changelog and its history row together, on the caller's transaction, so a
 * script, its changelog row and its provenance commit or roll back as one.
 */
public final class ChangeRecorder {

    private final Changelog changelog;
    private final History history;
    private final Provenance provenance;
    private final String backup;

    /** @param backup the backup taken before this run, recorded on each of its rows; or null */
    public ChangeRecorder(OwnTables tables, Provenance provenance, String backup) {
        this.changelog = new Changelog(tables);
        this.history = new History(tables);
        this.provenance = provenance;
        this.backup = backup;
    }

    /**
     * The changelog row and history row of a script applied, as one statement with literals (a data-modifying
     * {@code WITH}: one entry of a flight, not two), to be sent with the script.
     *
     * @param fingerprint the schema's fingerprint after the script, or null when not computed for this one
     */
    public List<String> appliedStatements(ScriptFile script, String checksum, String fingerprint) {
        return List.of(together(
                changelog.insertStatement(script),
                history.insertStatement(
                        row(script.id(), "up", checksum, Instant.now(), null).withFingerprint(fingerprint))));
    }

    /** The changelog row removed and the history row of a script undone, as one statement with literals. */
    public List<String> undoneStatements(ScriptId id, String checksum, String fingerprint) {
        return List.of(together(
                changelog.deleteStatement(id),
                history.insertStatement(
                        row(id, "down", checksum, Instant.now(), null).withFingerprint(fingerprint))));
    }

    /** {@code first}, then {@code then}, as one statement: both commit or roll back with it. */
    private static String together(String first, String then) {
        return "WITH dbmig_changelog AS (" + first + ") " + then;
    }

    /** @param fingerprint the schema's fingerprint after the script, or null when not computed for this one */
    public void applied(Connection connection, ScriptFile script, String checksum, Instant started, String fingerprint)
            throws SQLException {
        changelog.insert(connection, script);
        history.record(
                connection, row(script.id(), "up", checksum, started, null).withFingerprint(fingerprint));
    }

    public void undone(Connection connection, ScriptId id, String checksum, Instant started, String fingerprint)
            throws SQLException {
        changelog.delete(connection, id);
        history.record(connection, row(id, "down", checksum, started, null).withFingerprint(fingerprint));
    }

    /** Recorded as applied without running; or, when already recorded, its checksum accepted as it is now. */
    public void stamped(
            Connection connection,
            ScriptFile script,
            String checksum,
            boolean addToChangelog,
            Instant started,
            String fingerprint)
            throws SQLException {
        if (addToChangelog) {
            changelog.insert(connection, script);
        }
        history.record(
                connection,
                row(script.id(), "stamp", checksum, started, addToChangelog ? null : "checksum accepted")
                        .withFingerprint(fingerprint));
    }

    /** A script outside a transaction is about to start; committed before its first statement. */
    public void running(Connection connection, ScriptId id, String action, String checksum) throws SQLException {
        history.record(connection, row(id, "running", checksum, Instant.now(), action));
    }

    /** A script outside a transaction stopped part-way; {@code detail} says where and why. */
    public void failed(Connection connection, ScriptId id, String checksum, Instant started, String detail)
            throws SQLException {
        history.record(connection, row(id, "failed", checksum, started, detail));
    }

    /** Removed from the changelog without running its undo part. */
    public void unstamped(Connection connection, ScriptId id, Instant started, String fingerprint) throws SQLException {
        changelog.delete(connection, id);
        history.record(connection, row(id, "unstamp", null, started, null).withFingerprint(fingerprint));
    }

    private HistoryRow row(ScriptId id, String action, String checksum, Instant started, String detail) {
        long duration = Math.max(0, Instant.now().toEpochMilli() - started.toEpochMilli());
        return new HistoryRow(id, action, checksum, started, duration, null, provenance, null, detail, backup);
    }
}
