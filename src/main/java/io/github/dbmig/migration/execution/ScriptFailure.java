package io.github.dbmig.migration.execution;

import io.github.dbmig.migration.session.AdvisoryLock;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.dbmig.errors.Messages.firstLine;

/** Says where a script failed and why, in PostgreSQL's own words: file, line, statement, message, detail, hint. */
final class ScriptFailure {

    static final String LOCK_NOT_AVAILABLE = "55P03";
    static final String LOCK_LOST = "DBMG1";
    private static final Pattern PLPGSQL_LINE = Pattern.compile("PL/pgSQL function inline_code_block line (\\d+)");

    private ScriptFailure() {}

    /**
     * @param what      "up" or "undo"
     * @param statement the statement that failed, or null when dbmig's own work (recording, committing) failed
     * @param committing whether the failure came with COMMIT
     */
    static String describe(
            String databaseId,
            ParsedScript script,
            String what,
            SqlStatement statement,
            boolean committing,
            SQLException e) {
        String file = script.file().path().toString();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        StringBuilder text = new StringBuilder();
        if (statement == null) {
            text.append("Database ").append(databaseId).append(": ");
            if (LOCK_LOST.equals(e.getSQLState())
                    || String.valueOf(e.getMessage()).contains(AdvisoryLock.LOST)) {
                return text.append("script ")
                        .append(file)
                        .append(" ran, but dbmig no longer held its lock when it was to"
                                + " record it (did the script release advisory locks, with pg_advisory_unlock_all() or"
                                + " DISCARD ALL?),"
                                + " so it was not committed and nothing further runs.")
                        .toString();
            }
            text.append(committing ? "committing " : "recording ")
                    .append(what)
                    .append(" of script ")
                    .append(file)
                    .append(" failed: ")
                    .append(firstLine(e.getMessage()));
            if (isConnectionProblem(e)) {
                text.append(
                        committing
                                ? "\nThe connection broke during COMMIT, so the script may or may not be applied: run"
                                        + " dbmig:status."
                                : "\nThe connection broke while dbmig's rows and the COMMIT were on their way, so the"
                                        + " script may or may not be applied: run dbmig:status.");
            }
            return text.toString();
        }
        int line = lineOf(statement, server);
        text.append("Database ")
                .append(databaseId)
                .append(": script ")
                .append(file)
                .append(" failed at line ")
                .append(line)
                .append(" (")
                .append(what)
                .append(" part, statement from line ")
                .append(statement.line())
                .append(": ")
                .append(statement.summary())
                .append(")\n  ");
        if (server != null) {
            text.append(server.getSeverity())
                    .append(": ")
                    .append(server.getMessage())
                    .append(" (SQLSTATE ")
                    .append(server.getSQLState())
                    .append(')');
            appendIfPresent(text, "Detail", server.getDetail());
            appendIfPresent(text, "Hint", server.getHint());
            appendIfPresent(text, "Where", server.getWhere());
        } else {
            text.append(firstLine(e.getMessage()));
        }
        return text.toString();
    }

    /** Advice after a statement gave up waiting for a table lock in every attempt; empty for other errors. */
    static String lockAdvice(SQLException e, int attempts) {
        return isLockTimeout(e)
                ? "\n  A table lock was not granted within lock_timeout in " + attempts + " attempt(s):"
                        + " a long query or transaction holds it (see pg_stat_activity). Run again when it is done, or"
                        + " raise"
                        + " the database's <lockTimeout>."
                : "";
    }

    static boolean isLockTimeout(SQLException e) {
        return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
    }

    static boolean isConnectionProblem(SQLException e) {
        return e.getSQLState() != null
                && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"));
    }

    /** The error's own position when PostgreSQL gives one, a PL/pgSQL line of a DO block, else the statement's line. */
    private static int lineOf(SqlStatement statement, ServerErrorMessage server) {
        if (server == null) {
            return statement.line();
        }
        if (server.getPosition() > 0) {
            return statement.lineOfPosition(server.getPosition());
        }
        if (server.getWhere() != null && statement.startsWith("DO")) {
            Matcher m = PLPGSQL_LINE.matcher(server.getWhere());
            int body = statement.sql().indexOf('$');
            if (m.find() && body >= 0) {
                return statement.lineOfPosition(body + 1) + Integer.parseInt(m.group(1)) - 1;
            }
        }
        return statement.line();
    }

    private static void appendIfPresent(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append("\n  ").append(label).append(": ").append(value);
        }
    }
}
