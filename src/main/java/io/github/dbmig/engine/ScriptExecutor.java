package io.github.dbmig.engine;

import io.github.dbmig.config.SqlIdentifier;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlPart;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one part of a script. A transactional part runs with its changelog change in a single transaction: killed or
 * failing at any point, it is either applied and recorded or not applied at all. A part that cannot run in a
 * transaction runs statement by statement, marked as running first, so that a failure leaves a visible state.
 * A statement that gives up waiting for a table lock ({@code lock_timeout}) is retried with back-off.
 */
final class ScriptExecutor {

    /** A change to dbmig's tables made on the caller's connection; the executor commits it. */
    @FunctionalInterface
    interface ChangelogChange {
        void apply(Connection connection) throws SQLException;
    }

    /** Records that a part outside a transaction failed; {@code detail} says where and why. */
    @FunctionalInterface
    interface FailureRecord {
        void apply(Connection connection, String detail) throws SQLException;
    }

    static final int LOCK_ATTEMPTS = 4;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Pattern PLPGSQL_LINE = Pattern.compile("PL/pgSQL function inline_code_block line (\\d+)");

    private final Connection connection;
    private final String databaseId;
    private final MigrationLog log;
    private final long firstBackoffMillis;

    ScriptExecutor(Connection connection, String databaseId, MigrationLog log) {
        this(connection, databaseId, log, 1000);
    }

    ScriptExecutor(Connection connection, String databaseId, MigrationLog log, long firstBackoffMillis) {
        this.connection = connection;
        this.databaseId = databaseId;
        this.log = log;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    /**
     * Runs {@code part} and {@code change} in one transaction, retrying the whole of it when a statement hit
     * {@code lock_timeout} (nothing of it was kept).
     *
     * @param what      "up" or "undo", for messages
     * @param afterFail what the database looks like if this script fails, for the message
     */
    void runInTransaction(ParsedScript script, SqlPart part, String what, ChangelogChange change, String afterFail) {
        for (int attempt = 1; ; attempt++) {
            SqlStatement current = null;
            boolean committing = false;
            try (Statement statement = connection.createStatement()) {
                if (script.directives().role() != null) {
                    statement.execute("SET LOCAL ROLE " + SqlIdentifier.quote(script.directives().role()));
                }
                for (SqlStatement sql : part.statements()) {
                    current = sql;
                    execute(statement, script, sql);
                }
                current = null;
                if (script.directives().role() != null) {
                    statement.execute("RESET ROLE"); // dbmig's own rows are written as the connecting user
                }
                change.apply(connection);
                committing = true;
                connection.commit();
                return;
            } catch (SQLException e) {
                rollbackQuietly();
                if (isLockTimeout(e) && attempt < LOCK_ATTEMPTS) {
                    waitBeforeRetry(script, current, attempt);
                    continue;
                }
                throw new MigrationFailedException(describe(script, what, current, committing, e)
                        + lockAdvice(e, attempt) + "\n" + afterFail, e);
            }
        }
    }

    /**
     * Runs {@code part} statement by statement in autocommit mode: first {@code markRunning} is committed, then each
     * statement, then {@code change} in a transaction of its own. On failure {@code markFailed} records where it
     * stopped; statements that ran before stay applied. {@code afterFail} is asked only after a failure, so it can
     * describe what the failure left (an INVALID index, say).
     */
    void runWithoutTransaction(ParsedScript script, SqlPart part, String what, ChangelogChange markRunning,
                               ChangelogChange change, FailureRecord markFailed, Supplier<String> afterFail) {
        SqlStatement current = null;
        int done = 0;
        try {
            markRunning.apply(connection);
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                if (script.directives().role() != null) {
                    statement.execute("SET ROLE " + SqlIdentifier.quote(script.directives().role()));
                }
                try {
                    for (SqlStatement sql : part.statements()) {
                        current = sql;
                        executeRetryingLocks(statement, script, sql);
                        done++;
                    }
                } finally {
                    if (script.directives().role() != null) {
                        statement.execute("RESET ROLE");
                    }
                }
            }
            current = null;
            connection.setAutoCommit(false);
            change.apply(connection);
            connection.commit();
        } catch (SQLException e) {
            String failure = describe(script, what, current, false, e);
            String detail = (current == null ? "" : "failed at line " + current.line() + " after " + done + " of "
                    + part.statements().size() + " statement(s): ") + firstLine(e.getMessage());
            recordFailure(markFailed, detail);
            throw new MigrationFailedException(failure + "\nThis script runs outside a transaction (it holds a statement"
                    + " such as CREATE INDEX CONCURRENTLY, or a -- dbmig:transaction=none header): the " + done
                    + " statement(s) before the failing one stay applied, and the script is recorded as failed."
                    + " Fix it and run upgrade again (make the statements that already ran safe to repeat, e.g. IF NOT"
                    + " EXISTS), or finish the change by hand and record it with dbmig:stamp.\n" + afterFail.get(), e);
        }
    }

    private void executeRetryingLocks(Statement statement, ParsedScript script, SqlStatement sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(statement, script, sql);
                return;
            } catch (SQLException e) {
                if (!isLockTimeout(e) || attempt >= LOCK_ATTEMPTS) {
                    throw e;
                }
                waitBeforeRetry(script, sql, attempt);
            }
        }
    }

    private void execute(Statement statement, ParsedScript script, SqlStatement sql) throws SQLException {
        statement.execute(sql.sql());
        forwardNotices(script, statement.getWarnings());
        statement.clearWarnings();
    }

    private void recordFailure(FailureRecord markFailed, String detail) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            markFailed.apply(connection, detail);
        } catch (SQLException ignored) {
            // the connection is gone: the "running" row stays and tells the next run this script was interrupted
        } finally {
            try {
                connection.setAutoCommit(false);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    private void waitBeforeRetry(ParsedScript script, SqlStatement sql, int attempt) {
        long pause = firstBackoffMillis << (attempt - 1);
        log.warn(script.file().fileName() + (sql == null ? "" : " line " + sql.line()) + ": a table lock was not granted"
                + " within lock_timeout; retry " + attempt + " of " + (LOCK_ATTEMPTS - 1) + " in " + pause + " ms.");
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isLockTimeout(SQLException e) {
        return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
    }

    private static String lockAdvice(SQLException e, int attempts) {
        return isLockTimeout(e) ? "\n  A table lock was not granted within lock_timeout in " + attempts + " attempt(s):"
                + " a long query or transaction holds it (see pg_stat_activity). Run again when it is done, or raise"
                + " the database's <lockTimeout>." : "";
    }

    private void forwardNotices(ParsedScript script, SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            ServerErrorMessage server = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
            String severity = server == null || server.getSeverity() == null ? "WARNING" : server.getSeverity();
            String text = script.file().fileName() + ": " + severity + ": " + (server == null ? w.getMessage() : server.getMessage());
            if (severity.equals("WARNING")) {
                log.warn(text);
            } else {
                log.info(text);
            }
        }
    }

    private String describe(ParsedScript script, String what, SqlStatement statement, boolean committing, SQLException e) {
        String file = script.file().path().toString();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        StringBuilder text = new StringBuilder();
        if (statement == null) {
            text.append("Database ").append(databaseId).append(": ")
                    .append(committing ? "committing " : "recording ").append(what).append(" of script ").append(file)
                    .append(" failed: ").append(firstLine(e.getMessage()));
            if (committing && isConnectionProblem(e)) {
                text.append("\nThe connection broke during COMMIT, so the script may or may not be applied: run dbmig:status.");
            }
            return text.toString();
        }
        int line = lineOf(statement, server);
        text.append("Database ").append(databaseId).append(": script ").append(file).append(" failed at line ").append(line)
                .append(" (").append(what).append(" part, statement from line ").append(statement.line()).append(": ")
                .append(statement.summary()).append(")\n  ");
        if (server != null) {
            text.append(server.getSeverity()).append(": ").append(server.getMessage())
                    .append(" (SQLSTATE ").append(server.getSQLState()).append(')');
            appendIfPresent(text, "Detail", server.getDetail());
            appendIfPresent(text, "Hint", server.getHint());
            appendIfPresent(text, "Where", server.getWhere());
        } else {
            text.append(firstLine(e.getMessage()));
        }
        return text.toString();
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

    private static boolean isConnectionProblem(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; PostgreSQL rolls back an uncommitted transaction on its own
        }
    }
}
