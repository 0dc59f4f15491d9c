package io.github.dbmig.migration.execution;

import io.github.dbmig.connect.SqlIdentifier;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.Watch;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlPart;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs script parts. Transactional parts go out in flights: each script in its own transaction with its changelog and
 * history rows, so that killed or failing at any point, each is either applied and recorded or not applied at all;
 * many scripts in one round trip. A part that cannot run in a transaction runs statement by statement, marked as
 * running first, so that a failure leaves a visible state. Whatever a script changed in the session (role,
 * search_path, any setting) is undone before dbmig writes its own rows and before the next script.
 */
final class ScriptExecutor {

    /**
     * The most entries a flight holds: PgJDBC reckons 250 bytes of answer per statement of a batch and, to keep the
     * server from blocking on a full socket buffer, sends a Sync and reads the answers when they would reach 64,000
     * bytes (256 statements). A flight that fits below that is one round trip, and flights are cut there at no cost.
     */
    static final int FLIGHT_ENTRIES = 250;

    /**
     * dbmig's own entries around a script in a flight: marker, BEGIN, the timeout, two resets, settings, rows, COMMIT,
     * two more.
     */
    static final int OWN_ENTRIES = 10;

    /**
     * A statement timeout a script set (even {@code SET statement_timeout = '1ms'}) would otherwise also cut dbmig's
     * own rows short, in the script's transaction; set locally, it ends with that transaction, and RESET ALL after it
     * ends the script's own setting. (A script outside a transaction has every setting reset before dbmig's row.)
     */
    private static final String NO_TIMEOUT = "set_config('statement_timeout', '0', true)";

    /** A change to dbmig's tables made on the caller's connection; the executor commits it. */
    @FunctionalInterface
    interface Change {
        void apply(Connection connection) throws SQLException;
    }

    /** Records that a part outside a transaction failed; {@code detail} says where and why. */
    @FunctionalInterface
    interface FailureRecord {
        void apply(Connection connection, String detail) throws SQLException;
    }

    /** dbmig's own rows for a script, as statements with literals; may read the database first (a fingerprint). */
    @FunctionalInterface
    interface Rows {
        List<String> statements(ParsedScript script, Connection connection) throws SQLException;
    }

    /**
     * Transactional scripts to send together.
     *
     * @param parts      each script's part to run, in the order of {@code scripts}
     * @param settle     stop after the last script's statements so that {@code beforeCommit} can look at what it holds
     *                   and {@code rows} can read the schema (a fingerprint); then a second batch records and commits
     * @param durableEnd the last script's COMMIT waits for the disk (the run's last script)
     * @param syncEach   every COMMIT waits for the disk ({@code <syncEachScript>})
     */
    record Flight(
            List<ParsedScript> scripts, List<SqlPart> parts, boolean settle, boolean durableEnd, boolean syncEach) {}

    /**
     * What a flight did.
     *
     * @param committed how many of its scripts were committed, in order
     * @param millis    each committed script's time
     * @param failure   what stopped it, or null when every script was committed
     */
    record Landing(int committed, long[] millis, Stop failure) {}

    /**
     * Where and why a flight stopped.
     *
     * @param script the number, in its flight, of the script that failed
     * @param batch  the failing entry, or null when dbmig's own work between the batches failed ({@code cause})
     */
    record Stop(int script, ScriptBatch.Failure batch, SQLException cause) {}

    private final DatabaseSession session;
    private final Connection connection;
    private final Log log;
    private boolean markers = true;

    ScriptExecutor(DatabaseSession session, Log log) {
        this.session = session;
        this.connection = session.connection();
        this.log = log;
    }

    /** Whether scripts can share a flight: its markers (DO blocks) need PL/pgSQL. */
    boolean sharesFlights() {
        return markers;
    }

    /**
     * Sends {@code flight}: for each script, [marker,] [BEGIN,] [role,] its statements, back to the connecting user,
     * the lock check, dbmig's rows, COMMIT and the reset of the session, as one batch (see {@link #FLIGHT_ENTRIES}).
     * After a failure the failing script's transaction is rolled back and the session's settings are put back.
     */
    Landing run(Flight flight, Change beforeCommit, Rows rows) {
        List<ParsedScript> scripts = flight.scripts();
        int last = scripts.size() - 1;
        boolean marked = scripts.size() > 1;
        ScriptBatch batch = new ScriptBatch(scripts, log);
        long started = System.nanoTime();
        int sent = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            session.limitReads(false);
            for (int i = 0; i <= last; i++) {
                ParsedScript script = scripts.get(i);
                batch.script(i);
                if (marked) {
                    batch.marker(i);
                }
                if (i > 0) {
                    batch.own("BEGIN");
                }
                if (script.directives().role() != null) {
                    batch.own("SET LOCAL ROLE "
                            + SqlIdentifier.quote(script.directives().role()));
                }
                flight.parts().get(i).statements().forEach(batch::statement);
                if (i < last || !flight.settle()) {
                    addRecording(batch, flight, i, rows.statements(script, connection));
                }
            }
            if (flight.settle()) {
                backToTheUser(batch, NO_TIMEOUT); // the observer and the fingerprint look as the connecting user
                send(batch, statement, scripts);
                sent = last;
                session.limitReads(true);
                beforeCommit.apply(connection);
                batch.script(last);
                addRecording(batch, flight, last, rows.statements(scripts.get(last), connection));
            }
            if (marked) {
                batch.marker(scripts.size());
            }
            send(batch, statement, scripts);
            session.limitReads(true);
            return new Landing(scripts.size(), times(batch, scripts.size(), started), null);
        } catch (ScriptBatch.Failure f) {
            rollbackQuietly();
            if (!f.inRestore()) {
                restoreQuietly();
            }
            if (f.inMarker()) {
                markers = false;
                log.detail("PL/pgSQL is not available on database "
                        + session.database().id() + " (" + f.cause.getMessage()
                        + "): scripts are sent one per round trip.");
            }
            int committed = f.committed();
            return new Landing(
                    committed,
                    times(batch, committed, started),
                    new Stop(Math.min(f.inRestore() ? committed - 1 : committed, last), f, f.cause));
        } catch (SQLException e) {
            rollbackQuietly();
            restoreQuietly();
            return new Landing(sent, times(batch, sent, started), new Stop(sent, null, e));
        }
    }

    /** Each script's time: the server's, from the markers, or the flight's own for a flight of one. */
    private static long[] times(ScriptBatch batch, int committed, long started) {
        long[] millis = Arrays.copyOf(batch.serverMillis(), committed);
        long flight = (System.nanoTime() - started) / 1_000_000;
        for (int i = 0; i < millis.length; i++) {
            if (millis[i] < 0) {
                millis[i] = flight;
            }
        }
        return millis;
    }

    /**
     * After a script's statements: back to the connecting user, no statement timeout, the commit's durability and the
     * lock check in one statement, dbmig's rows, COMMIT, the reset.
     */
    private void addRecording(ScriptBatch batch, Flight flight, int index, List<String> rows) {
        List<String> settings = new ArrayList<>(List.of(NO_TIMEOUT));
        if (flight.syncEach()
                || flight.durableEnd() && index == flight.scripts().size() - 1) {
            settings.add(Commits.DURABLE_SETTING);
        } else {
            settings.add(Commits.ASYNC);
        }
        if (session.lockCheck() != null) {
            settings.add(session.lockCheck());
        }
        backToTheUser(batch, String.join(", ", settings));
        rows.forEach(batch::own);
        batch.commit();
        session.afterCommitStatements().forEach(batch::restore);
    }

    /** Back to the connecting user, then {@code settings} (set_config calls and checks) in one SELECT. */
    private static void backToTheUser(ScriptBatch batch, String settings) {
        // first, on its own: a script's tiny statement_timeout must not cut the resets and settings after it short
        batch.own("SET LOCAL statement_timeout = 0");
        batch.own("RESET SESSION AUTHORIZATION");
        batch.own("RESET ROLE");
        batch.own("SELECT " + settings);
    }

    /** Sends a batch in one round trip, logging progress while it runs long. */
    private void send(ScriptBatch batch, Statement statement, List<ParsedScript> scripts)
            throws ScriptBatch.Failure, SQLException {
        String what = scripts.size() == 1
                ? "script " + scripts.get(0).file().fileName()
                : "scripts " + scripts.get(0).file().fileName() + " to "
                        + scripts.get(scripts.size() - 1).file().fileName();
        try (Watch watch = session.watch(what, log)) {
            batch.send(statement);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; PostgreSQL rolls back an uncommitted transaction on its own
        }
    }

    private void restoreQuietly() {
        try {
            session.limitReads(true);
            session.restoreSettings();
        } catch (SQLException ignored) {
            // the connection is gone, and with it the session's settings
        }
    }
}
