package io.github.dbmig.migration.execution;

import io.github.dbmig.log.Log;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of one or more scripts and dbmig's own around them, sent as one JDBC batch: PgJDBC sends a batch as
 * one extended-protocol message stream ending in a single Sync, so it costs one round trip whatever its length. When an
 * entry fails, PostgreSQL skips the rest up to the Sync, and the failure says which entry it was: one of a script's
 * statements (with its file line), dbmig's own rows, the COMMIT, or the reset of the session after it.
 *
 * <p>A batch of several scripts has a marker before each and one at its end: a DO block that raises an INFO message
 * (sent to the client whatever {@code client_min_messages} says, and below the server log's default level) with the
 * script's number and the server's clock. The notices a script raises arrive between its marker and the next, so each
 * is forwarded with its own script's file name, and the markers' clocks give each script's time on the server.
 */
final class ScriptBatch {

    private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d+)");
    private static final String MARKER = "dbmig-flight ";
    private static final Pattern MARKER_TEXT = Pattern.compile(MARKER + "(\\d+) ([0-9.]+)");

    private final List<ParsedScript> scripts;
    private final Log log;
    private final List<Entry> entries = new ArrayList<>();
    private final BigDecimal[] clocks;
    private int current;

    ScriptBatch(List<ParsedScript> scripts, Log log) {
        this.scripts = scripts;
        this.log = log;
        this.clocks = new BigDecimal[scripts.size() + 1];
    }

    /** The entries added next belong to script {@code index} of the batch. */
    void script(int index) {
        current = index;
    }

    /** A statement of the script. */
    void statement(SqlStatement statement) {
        entries.add(new Entry(Kind.STATEMENT, statement.sql(), statement, current));
    }

    /** dbmig's own statement inside the script's transaction: BEGIN, the role switch, the lock check, its rows. */
    void own(String sql) {
        entries.add(new Entry(Kind.OWN, sql, null, current));
    }

    void commit() {
        entries.add(new Entry(Kind.COMMIT, "COMMIT", null, current));
    }

    /** A statement after the COMMIT that puts the session back as it was. */
    void restore(String sql) {
        entries.add(new Entry(Kind.RESTORE, sql, null, current));
    }

    /** The marker before script {@code index}, or at the end when it is the number of scripts. */
    void marker(int index) {
        entries.add(new Entry(
                Kind.MARKER,
                "DO $dbmig$BEGIN RAISE INFO '" + MARKER + index + " %', extract(epoch FROM clock_timestamp());"
                        + " END$dbmig$",
                null,
                index));
    }

    int size() {
        return entries.size();
    }

    /** Sends the batch on {@code statement} (escape processing off) and logs the notices it raised, even on failure. */
    void send(Statement statement) throws Failure, SQLException {
        for (Entry entry : entries) {
            statement.addBatch(entry.sql());
        }
        try {
            statement.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException cause = e.getNextException() != null
                    ? e.getNextException()
                    : e.getCause() instanceof SQLException c ? c : e;
            throw new Failure(failedEntry(e), cause);
        } finally {
            entries.clear();
            statement.clearBatch();
            forward(statement.getWarnings());
            statement.clearWarnings();
        }
    }

    /** Each script's time on the server, from the markers; -1 where they did not say (a batch of one has none). */
    long[] serverMillis() {
        long[] millis = new long[scripts.size()];
        Arrays.fill(millis, -1);
        for (int i = 0; i < millis.length; i++) {
            if (clocks[i] != null && clocks[i + 1] != null) {
                millis[i] = clocks[i + 1].subtract(clocks[i]).movePointRight(3).longValue();
            }
        }
        return millis;
    }

    /**
     * The entry the batch failed at: PgJDBC's message starts with its index; failing that, the entry whose text it
     * quotes.
     */
    private Entry failedEntry(BatchUpdateException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher index = FIRST_NUMBER.matcher(message);
        if (index.find()) {
            int i = Integer.parseInt(index.group(1));
            if (i >= 0 && i < entries.size()) {
                return entries.get(i);
            }
        }
        return entries.stream()
                .filter(entry -> message.contains(entry.sql().strip()))
                .findFirst()
                .orElse(null);
    }

    /** Forwards the notices, each with the file name of the script whose marker came last before it. */
    private void forward(SQLWarning warnings) {
        int script = 0;
        for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
            ServerErrorMessage server = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
            Matcher marker = server != null && "INFO".equals(server.getSeverity()) && server.getMessage() != null
                    ? MARKER_TEXT.matcher(server.getMessage())
                    : null;
            if (marker != null && marker.matches()) {
                int index = Integer.parseInt(marker.group(1));
                if (index < clocks.length) {
                    clocks[index] = new BigDecimal(marker.group(2));
                    script = Math.min(index, scripts.size() - 1);
                }
            } else {
                forwardNotice(log, scripts.get(script), w, server);
            }
        }
    }

    /** Logs the notices and warnings PostgreSQL sent while a script ran, each with the script's file name. */
    static void forwardNotices(Log log, ParsedScript script, SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            forwardNotice(log, script, w, w instanceof PSQLWarning p ? p.getServerErrorMessage() : null);
        }
    }

    private static void forwardNotice(Log log, ParsedScript script, SQLWarning w, ServerErrorMessage server) {
        String severity = server == null || server.getSeverity() == null ? "WARNING" : server.getSeverity();
        String text = script.file().fileName() + ": " + severity + ": "
                + (server == null ? w.getMessage() : server.getMessage());
        if (severity.equals("WARNING")) {
            log.warn(text);
        } else {
            log.detail(text);
        }
    }

    private enum Kind {
        STATEMENT,
        OWN,
        COMMIT,
        RESTORE,
        MARKER
    }

    /** One statement of a batch, what it is, its script, and for a script's own statement, where it is in the file. */
    private record Entry(Kind kind, String sql, SqlStatement statement, int script) {}

    /** A batch failed at an entry (null when that could not be told). */
    static final class Failure extends Exception {
        private final transient Entry entry;
        final SQLException cause;

        Failure(Entry entry, SQLException cause) {
            super(cause);
            this.entry = entry;
            this.cause = cause;
        }

        /** The script's statement that failed, or null when dbmig's own work failed. */
        SqlStatement statement() {
            return entry == null ? null : entry.statement();
        }

        /**
         * How many of the batch's scripts were committed before it failed: those before the script the failing entry
         * belongs to (a marker belongs to the script after it), and that script too when only its reset failed.
         */
        int committed() {
            return entry == null ? 0 : inRestore() ? entry.script() + 1 : entry.script();
        }

        boolean inCommit() {
            return entry != null && entry.kind() == Kind.COMMIT;
        }

        /** Whether the script was committed, and only the reset of the session after it failed. */
        boolean inRestore() {
            return entry != null && entry.kind() == Kind.RESTORE;
        }

        /** Whether a marker failed (PL/pgSQL missing, say): before the script it precedes started. */
        boolean inMarker() {
            return entry != null && entry.kind() == Kind.MARKER;
        }
    }
}
