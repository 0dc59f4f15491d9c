package io.github.dbmig.migration.execution;

import io.github.dbmig.connect.SqlIdentifier;
import io.github.dbmig.errors.Messages;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.Watch;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlPart;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

import static io.github.dbmig.errors.Messages.about;

/**
 * Runs one part of a script. A transactional part runs with its changelog change in a single transaction: killed or
 * failing at any point, it is either applied and recorded or not applied at all. A part that cannot run in a
 * transaction runs statement by statement, marked as running first, so that a failure leaves a visible state.
 * A statement that gives up waiting for a table lock ({@code lock_timeout}) is retried with back-off. Whatever a
 * script changed in the session (role, search_path, any setting) is undone before dbmig writes its own rows and
 * before the next script.
 */
final class ScriptExecutor {

    /**
     * A statement timeout a script set (even {@code SET statement_timeout = '1ms'}) would otherwise also cut dbmig's
     * own rows short, in the script's transaction; SET LOCAL ends with that transaction, and RESET ALL after it ends
     * the script's own setting. (A script outside a transaction has every setting reset before dbmig's row.)
     */
    private static final String NO_TIMEOUT = "SET LOCAL statement_timeout = 0";

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

    private final DatabaseSession session;
    private final Connection connection;
    private final Log log;
    private final LockRetry retry;

    ScriptExecutor(DatabaseSession session, Log log, long firstBackoffMillis) {
        this.session = session;
        this.connection = session.connection();
        this.log = log;
        this.retry = new LockRetry(log, firstBackoffMillis);
    }

    /** dbmig's own rows for a script, as statements with literals; may read the database first (a fingerprint). */
    @FunctionalInterface
    interface Rows {
        List<String> statements(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code part} and its changelog and history rows in one transaction, and in one round trip: the statements,
     * dbmig's rows, COMMIT and the reset of the session travel as one batch. With {@code settle}, the batch stops after
     * the statements so that {@code beforeCommit} can look at what the script holds and {@code rows} can read the
     * schema (a fingerprint), then a second batch records and commits. A statement that hit {@code lock_timeout} makes
     * the whole transaction run again after a pause (nothing of it was kept).
     *
     * @param what      "up" or "undo", for messages
     * @param afterFail what the database looks like if this script fails, for the message
     */
    void runInTransaction(
            ParsedScript script,
            SqlPart part,
            String what,
            boolean settle,
            Change beforeCommit,
            Rows rows,
            Supplier<String> afterFail) {
        for (int attempt = 1; ; attempt++) {
            ScriptBatch batch = new ScriptBatch(script, log);
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                session.limitReads(false);
                if (script.directives().role() != null) {
                    batch.own("SET LOCAL ROLE "
                            + SqlIdentifier.quote(script.directives().role()));
                }
                part.statements().forEach(batch::statement);
                if (settle) {
                    backToTheUser(batch); // the observer and the fingerprint look as the connecting user
                } else {
                    addRecording(batch, rows.statements(connection));
                }
                send(batch, statement);
                if (settle) {
                    session.limitReads(true);
                    beforeCommit.apply(connection);
                    batch = new ScriptBatch(script, log);
                    addRecording(batch, rows.statements(connection));
                    send(batch, statement);
                }
                session.limitReads(true);
                return;
            } catch (ScriptBatch.Failure f) {
                rollbackQuietly();
                if (f.inRestore()) {
                    throw new RunFailure.AppliedThenBroken(
                            about(session.database().id()) + "script "
                                    + script.file().path()
                                    + " was applied and recorded, but the session broke just after it: "
                                    + Messages.firstLine(f.cause.getMessage())
                                    + ". Nothing after it ran; run upgrade again to"
                                    + " continue.",
                            f.cause);
                }
                if (ScriptFailure.isLockTimeout(f.cause) && attempt < LockRetry.ATTEMPTS) {
                    retry.pause(script, f.statement(), attempt);
                    continue;
                }
                restoreQuietly();
                throw new MigrationFailedException(
                        ScriptFailure.describe(
                                        session.database().id(), script, what, f.statement(), f.inCommit(), f.cause)
                                + ScriptFailure.lockAdvice(f.cause, attempt)
                                + "\n" + afterFail.get(),
                        f.cause);
            } catch (SQLException e) {
                rollbackQuietly();
                restoreQuietly();
                throw new MigrationFailedException(
                        ScriptFailure.describe(session.database().id(), script, what, null, false, e) + "\n"
                                + afterFail.get(),
                        e);
            }
        }
    }

    /**
     * After the script's statements: back to the connecting user, the lock checked, dbmig's rows, COMMIT, the reset.
     */
    private void addRecording(ScriptBatch batch, List<String> rows) {
        backToTheUser(batch);
        String check = session.lockCheckStatement();
        if (check != null) {
            batch.own(check);
        }
        rows.forEach(batch::own);
        batch.commit();
        session.afterCommitStatements().forEach(batch::restore);
    }

    /** Back to the connecting user, and no statement timeout a script set: dbmig's own rows are not cut short. */
    private static void backToTheUser(ScriptBatch batch) {
        batch.own("RESET SESSION AUTHORIZATION");
        batch.own("RESET ROLE");
        batch.own(NO_TIMEOUT);
    }

    /** Sends a batch in one round trip, logging progress while it runs long. */
    private void send(ScriptBatch batch, Statement statement) throws ScriptBatch.Failure, SQLException {
        try (Watch watch = session.watch("script " + batch.script().file().fileName(), log)) {
            batch.send(statement);
        }
    }

    /**
     * Runs {@code part} statement by statement in autocommit mode: first {@code markRunning} is committed, then each
     * statement, then {@code change} in a transaction of its own. On failure {@code markFailed} records where it
     * stopped; statements that ran before stay applied. {@code afterFail} is asked only after a failure, so it can
     * describe what the failure left (an INVALID index, say).
     */
    void runWithoutTransaction(
            ParsedScript script,
            SqlPart part,
            String what,
            Change markRunning,
            Change change,
            FailureRecord markFailed,
            Supplier<String> afterFail) {
        new OutsideTransaction(session, log, retry).run(script, part, what, markRunning, change, markFailed, afterFail);
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
