package io.github.dbmig.rehearse;

import io.github.dbmig.migration.execution.ScriptObserver;
import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.Fingerprints;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.script.ParsedScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rehearsal's eyes on each script: going up, the schema before it and, inside its transaction, the locks it holds and
 * the rows of those tables; going down, whether its undo brings the schema back to what it was before it, charged only
 * with the differences it introduced ({@link UndoCharges}).
 */
public final class Probes implements ScriptObserver {

    private final DatabaseSession session;
    private final List<String> ownTables;
    private final Map<String, Long> rows;
    private final Map<String, Fingerprint> before = new HashMap<>();
    private final Map<String, RehearsalReport.Script> scripts = new LinkedHashMap<>();
    private final UndoCharges charges = new UndoCharges();

    /** @param rows exact row counts of every table before the first script, kept up to date as scripts run */
    public Probes(DatabaseSession session, Map<String, Long> rows) {
        this.session = session;
        this.ownTables = session.tables().names().stream()
                .map(t -> session.tables().schema() + "." + t)
                .toList();
        this.rows = rows;
    }

    @Override
    public void before(ParsedScript script, Plan.Direction direction, Connection connection) throws SQLException {
        if (direction == Plan.Direction.UP) {
            before.put(key(script), new Fingerprints(session).current());
        }
    }

    @Override
    public void beforeCommit(ParsedScript script, Plan.Direction direction, Connection connection) throws SQLException {
        if (direction != Plan.Direction.UP
                || scripts.containsKey(key(script))
                        && !scripts.get(key(script)).locks.isEmpty()) {
            return; // locks are reported for the first upgrade
        }
        Map<String, String> locks = LockProbe.heldBy(connection, ownTables);
        Map<String, Long> after = LockProbe.rows(connection, locks.keySet());
        RehearsalReport.Script report = report(script);
        locks.forEach((table, mode) -> {
            Long was = rows.get(table);
            report.locks.add(new RehearsalReport.Lock(
                    table, mode, was, after.get(table), mode.equals("AccessExclusiveLock") && was != null && was > 0));
        });
        rows.putAll(after);
    }

    @Override
    public void after(ParsedScript script, Plan.Direction direction, long millis, Connection connection)
            throws SQLException {
        RehearsalReport.Script report = report(script);
        if (direction == Plan.Direction.UP) {
            if (report.upMillis == null) {
                report.upMillis = millis;
            }
            return;
        }
        report.downMillis = millis;
        Fingerprint was = before.get(key(script));
        if (was != null) {
            report.undoDifferences.addAll(charges.undone(was, new Fingerprints(session).current()));
        }
    }

    /** What was seen of each script, in the order the scripts first ran. */
    public Collection<RehearsalReport.Script> seen() {
        return scripts.values();
    }

    /** Exact row counts of every table of {@code session}'s managed schema. */
    public static Map<String, Long> rowsOf(DatabaseSession session) throws SQLException {
        Connection connection = session.connection();
        Map<String, Long> rows = new HashMap<>(LockProbe.rows(
                connection,
                LockProbe.tables(connection, List.of(session.tables().schema()))));
        connection.commit();
        return rows;
    }

    private RehearsalReport.Script report(ParsedScript script) {
        return scripts.computeIfAbsent(key(script), k -> {
            RehearsalReport.Script s = new RehearsalReport.Script();
            s.id = script.file().id().toString();
            s.file = script.file().fileName();
            return s;
        });
    }

    private static String key(ParsedScript script) {
        return script.file().id().toString();
    }
}
