package io.github.dbmig.migration.execution;

import io.github.dbmig.log.Log;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of one script and dbmig's own around them, sent as one JDBC batch: PgJDBC sends a batch as one
 * extended-protocol message stream ending in a single Sync, so it costs one round trip whatever its length. When an
 * entry fails, PostgreSQL skips the rest up to the Sync, and the failure says which entry it was: one of the script's
 * statements (with its file line), dbmig's own rows, the COMMIT, or the reset of the session after it.
 */
final class ScriptBatch {

    private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d+)");

    private final ParsedScript script;
    private final Log log;
    private final List<Entry> entries = new ArrayList<>();

    ScriptBatch(ParsedScript script, Log log) {
        this.script = script;
        this.log = log;
    }

    ParsedScript script() {
        return script;
    }

    /** A statement of the script. */
    void statement(SqlStatement statement) {
        entries.add(new Entry(Kind.STATEMENT, statement.sql(), statement));
    }

    /** dbmig's own statement inside the script's transaction: the role switch, the lock check, its rows. */
    void own(String sql) {
        entries.add(new Entry(Kind.OWN, sql, null));
    }

    void commit() {
        entries.add(new Entry(Kind.COMMIT, "COMMIT", null));
    }

    /** A statement after the COMMIT that puts the session back as it was. */
    void restore(String sql) {
        entries.add(new Entry(Kind.RESTORE, sql, null));
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
            statement.clearBatch();
            forwardNotices(log, script, statement.getWarnings());
            statement.clearWarnings();
        }
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

    /** Logs the notices and warnings PostgreSQL sent while a script ran, each with the script's file name. */
    static void forwardNotices(Log log, ParsedScript script, SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            ServerErrorMessage server = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
            String severity = server == null || server.getSeverity() == null ? "WARNING" : server.getSeverity();
            String text = script.file().fileName() + ": " + severity + ": "
                    + (server == null ? w.getMessage() : server.getMessage());
            if (severity.equals("WARNING")) {
                log.warn(text);
            } else {
                log.detail(text);
            }
        }
    }

    private enum Kind {
        STATEMENT,
        OWN,
        COMMIT,
        RESTORE
    }

    /** One statement of a batch, what it is, and for a script's own statement, where it is in the file. */
    private record Entry(Kind kind, String sql, SqlStatement statement) {}

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

        boolean inCommit() {
            return entry != null && entry.kind() == Kind.COMMIT;
        }

        /** Whether the script was committed, and only the reset of the session after it failed. */
        boolean inRestore() {
            return entry != null && entry.kind() == Kind.RESTORE;
        }
    }
}
