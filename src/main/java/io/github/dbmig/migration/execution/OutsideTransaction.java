package io.github.dbmig.migration.execution;

import io.github.dbmig.connect.SqlIdentifier;
import io.github.dbmig.errors.Messages;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.Watch;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlPart;
import io.github.dbmig.script.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * A script part that cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY},
 * {@code -- dbmig:transaction=none}): marked as running first, then sent statement by statement, as it must be, then
 * recorded; a failure leaves a visible state (the script recorded as failed, the statements before it applied).
 */
final class OutsideTransaction {

    private final DatabaseSession session;
    private final Connection connection;
    private final Log log;
    private final LockRetry retry;

    OutsideTransaction(DatabaseSession session, Log log, LockRetry retry) {
        this.session = session;
        this.connection = session.connection();
        this.log = log;
        this.retry = retry;
    }

    void run(
            ParsedScript script,
            SqlPart part,
            String what,
            ScriptExecutor.Change markRunning,
            ScriptExecutor.Change change,
            ScriptExecutor.FailureRecord markFailed,
            Supplier<String> afterFail) {
        SqlStatement current = null;
        int done = 0;
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        Commits.DURABLE); // what ran before is on disk before a statement that cannot roll back
            }
            markRunning.apply(connection);
            connection.commit();
            connection.setAutoCommit(true);
            session.limitReads(false);
            try (Statement statement = connection.createStatement()) {
                if (script.directives().role() != null) {
                    statement.execute("SET ROLE "
                            + SqlIdentifier.quote(script.directives().role()));
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
            String detail = (current == null
                            ? ""
                            : "failed at line " + current.line() + " after " + done + " of "
                                    + part.statements().size() + " statement(s): ")
                    + Messages.firstLine(e.getMessage());
            recordFailure(markFailed, detail);
            throw new MigrationFailedException(
                    failure + "\nThis script runs outside a transaction (it holds a statement"
                            + " such as CREATE INDEX CONCURRENTLY, or a -- dbmig:transaction=none header): the " + done
                            + " statement(s) of it before the failing one stay applied, and the script is recorded as"
                            + " failed."
                            + " Fix it and run upgrade again (make the statements that already ran safe to repeat,"
                            + " e.g. IF NOT"
                            + " EXISTS), or finish the change by hand and record it with dbmig:stamp.\n"
                            + afterFail.get(),
                    e);
        }
    }

    /**
     * Before dbmig's own rows: back to the connecting user, a commit that waits for the disk, and still holding the
     * lock (or the transaction fails).
     */
    private void prepareOwnWrite(Statement statement) throws SQLException {
        String check = session.lockCheck();
        statement.execute("RESET SESSION AUTHORIZATION; RESET ROLE; " + Commits.DURABLE
                + (check == null ? "" : "; SELECT " + check));
    }

    private void executeRetryingLocks(Statement statement, ParsedScript script, SqlStatement sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(statement, script, sql);
                return;
            } catch (SQLException e) {
                if (!ScriptFailure.isLockTimeout(e) || attempt >= LockRetry.ATTEMPTS) {
                    throw e;
                }
                retry.pause(script, sql, attempt);
            }
        }
    }

    private void execute(Statement statement, ParsedScript script, SqlStatement sql) throws SQLException {
        try (Watch watch = session.watch("script " + script.file().fileName() + ", line " + sql.line(), log)) {
            statement.execute(sql.sql());
        } finally {
            ScriptBatch.forwardNotices(log, script, statement.getWarnings());
            statement.clearWarnings();
        }
    }

    private void recordFailure(ScriptExecutor.FailureRecord markFailed, String detail) {
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
}
