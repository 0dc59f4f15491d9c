package io.github.dbmig.engine;

import io.github.dbmig.config.SqlIdentifier;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.log.Log;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlPart;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * Runs one part of a script. A transactional part runs with its changelog change in a single transaction: killed or
 * failing at any point, it is either applied and recorded or not applied at all. A part that cannot run in a
 * transaction runs statement by statement, marked as running first, so that a failure leaves a visible state.
 * A statement that gives up waiting for a table lock ({@code lock_timeout}) is retried with back-off. Whatever a
 * script changed in the session (role, search_path, any setting) is undone before dbmig writes its own rows and
 * before the next script.
 */
final class ScriptExecutor {

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

    static final int LOCK_ATTEMPTS = 4;

    private final DatabaseSession session;
    private final Connection connection;
    private final Log log;
    private final long firstBackoffMillis;

    ScriptExecutor(DatabaseSession session, Log log, long firstBackoffMillis) {
        this.session = session;
        this.connection = session.connection();
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
    void runInTransaction(ParsedScript script, SqlPart part, String what, Change change, Supplier<String> afterFail) {
        runInTransaction(script, part, what, c -> { }, change, afterFail);
    }

    /** As above, with {@code beforeCommit} run after the script's statements, in its transaction, before dbmig's rows. */
    void runInTransaction(ParsedScript script, SqlPart part, String what, Change beforeCommit, Change change,
                          Supplier<String> afterFail) {
        for (int attempt = 1; ; attempt++) {
            SqlStatement current = null;
            boolean committing = false;
            try (Statement statement = connection.createStatement()) {
                session.limitReads(false);
                if (script.directives().role() != null) {
                    statement.execute("SET LOCAL ROLE " + SqlIdentifier.quote(script.directives().role()));
                }
                for (SqlStatement sql : part.statements()) {
                    current = sql;
                    execute(statement, script, sql);
                }
                current = null;
                session.limitReads(true);
                beforeCommit.apply(connection);
                prepareOwnWrite(statement);
                change.apply(connection);
                committing = true;
                connection.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                if (ScriptFailure.isLockTimeout(e) && attempt < LOCK_ATTEMPTS) {
                    waitBeforeRetry(script, current, attempt);
                    continue;
                }
                restoreQuietly();
                throw new MigrationFailedException(ScriptFailure.describe(session.database().id(), script, what, current,
                        committing, e) + ScriptFailure.lockAdvice(e, attempt) + "\n" + afterFail.get(), e);
            }
            restoreAfter(script);
            return;
        }
    }

    /**
     * Runs {@code part} statement by statement in autocommit mode: first {@code markRunning} is committed, then each
     * statement, then {@code change} in a transaction of its own. On failure {@code markFailed} records where it
     * stopped; statements that ran before stay applied. {@code afterFail} is asked only after a failure, so it can
     * describe what the failure left (an INVALID index, say).
     */
    void runWithoutTransaction(ParsedScript script, SqlPart part, String what, Change markRunning, Change change,
                               FailureRecord markFailed, Supplier<String> afterFail) {
        SqlStatement current = null;
        int done = 0;
        try {
            markRunning.apply(connection);
            connection.commit();
            connection.setAutoCommit(true);
            session.limitReads(false);
            try (Statement statement = connection.createStatement()) {
                if (script.directives().role() != null) {
                    statement.execute("SET ROLE " + SqlIdentifier.quote(script.directives().role()));
                }
                for (SqlStatement sql : part.statements()) {
                    current = sql;
                    executeRetryingLocks(statement, script, sql);
                    done++;
                }
            }
            current = null;
            session.limitReads(true);
            session.restoreSettings();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                prepareOwnWrite(statement);
            }
            change.apply(connection);
            connection.commit();
        } catch (SQLException e) {
            String failure = ScriptFailure.describe(session.database().id(), script, what, current, false, e);
            String detail = (current == null ? "" : "failed at line " + current.line() + " after " + done + " of "
                    + part.statements().size() + " statement(s): ") + ScriptFailure.firstLine(e.getMessage());
            recordFailure(markFailed, detail);
            throw new MigrationFailedException(failure + "\nThis script runs outside a transaction (it holds a statement"
                    + " such as CREATE INDEX CONCURRENTLY, or a -- dbmig:transaction=none header): the " + done
                    + " statement(s) of it before the failing one stay applied, and the script is recorded as failed."
                    + " Fix it and run upgrade again (make the statements that already ran safe to repeat, e.g. IF NOT"
                    + " EXISTS), or finish the change by hand and record it with dbmig:stamp.\n" + afterFail.get(), e);
        }
    }

    /** Before dbmig's own rows: back to the connecting user, and still holding the lock (or the transaction fails). */
    private void prepareOwnWrite(Statement statement) throws SQLException {
        String check = session.lockCheckStatement();
        statement.execute("RESET SESSION AUTHORIZATION; RESET ROLE" + (check == null ? "" : "; " + check));
    }

    private void restoreAfter(ParsedScript script) {
        try {
            session.restoreSettings();
        } catch (SQLException e) {
            throw new MigrationFailedException("Database " + session.database().id() + ": script " + script.file().path()
                    + " was applied and recorded, but the session broke just after it: " + ScriptFailure.firstLine(e.getMessage())
                    + ". Nothing after it ran; run upgrade again to continue.", e);
        }
    }

    private void executeRetryingLocks(Statement statement, ParsedScript script, SqlStatement sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(statement, script, sql);
                return;
            } catch (SQLException e) {
                if (!ScriptFailure.isLockTimeout(e) || attempt >= LOCK_ATTEMPTS) {
                    throw e;
                }
                waitBeforeRetry(script, sql, attempt);
            }
        }
    }

    private void execute(Statement statement, ParsedScript script, SqlStatement sql) throws SQLException {
        try (Watch watch = session.watch("script " + script.file().fileName() + ", line " + sql.line(), log)) {
            statement.execute(sql.sql());
        } finally {
            forwardNotices(script, statement.getWarnings());
            statement.clearWarnings();
        }
    }

    private void recordFailure(FailureRecord markFailed, String detail) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            session.limitReads(true);
            session.restoreSettings(); // a role the script took must not write dbmig's row
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

    private void forwardNotices(ParsedScript script, SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            ServerErrorMessage server = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
            String severity = server == null || server.getSeverity() == null ? "WARNING" : server.getSeverity();
            String text = script.file().fileName() + ": " + severity + ": " + (server == null ? w.getMessage() : server.getMessage());
            if (severity.equals("WARNING")) {
                log.warn(text);
            } else {
                log.detail(text);
            }
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
