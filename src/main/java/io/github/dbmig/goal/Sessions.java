package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.connect.Ahead;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.Messages;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.script.ScriptSet;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.function.Supplier;

import static io.github.dbmig.errors.Messages.about;

/**
 * Opens a database's session for a goal, and tidies the server first: temporary databases that a killed dbmig run left
 * behind (a half-restored copy, a verification scratch, a rehearsal's copy) are dropped, saying so.
 * <p>
 * This is one of the two ways every goal reaches a server, and both tidy it the same way: a goal's session on a
 * database comes from here (its first query says whether the server holds any leftovers; only then is the maintenance
 * database connected to), and a connection to the maintenance database (a restore, a full verification, a rehearsal's
 * copy on its own or another server) is {@link AdminConnection#open(Database, Log)}, which drops them when opened.
 */
public final class Sessions {

    private Sessions() {}

    public static DatabaseSession open(Database database, RunContext context) {
        DatabaseSession session = DatabaseSession.open(database);
        try {
            dropLeftovers(session, context.log());
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            if (e instanceof DbmigException d) {
                throw d;
            }
            throw failure(database, "preparing", (SQLException) e, "");
        }
    }

    /** What a goal does once it holds the session, dbmig's lock (when it writes) and where the database stands. */
    @FunctionalInterface
    interface Work<T> {
        T run(DatabaseSession session, DatabaseState state, ScriptSet scripts) throws SQLException;
    }

    /** What a goal does once it holds the session and dbmig's lock, needing nothing read. */
    @FunctionalInterface
    interface LockedWork<T> {
        T run(DatabaseSession session) throws SQLException;
    }

    /**
     * Open, lock, read: the one way in of every goal that writes (upgrade, downgrade, stamp, tag). The session opens
     * while this thread reads the scripts (when {@code scripts} is given), dbmig's lock is taken unless {@code lock} is
     * false (a dry run), and then the database's state is read, under the lock.
     *
     * @param scripts     the scripts to read while connecting, or null for none
     * @param goal        the goal's name, for a failure talking to PostgreSQL
     * @param consequence what such a failure meant for the database, asked only when one happens
     */
    static <T> T locked(
            Database database,
            RunContext context,
            Scripts scripts,
            boolean lock,
            String goal,
            Supplier<String> consequence,
            Work<T> work) {
        return inLock(
                database,
                context,
                scripts,
                lock,
                goal,
                consequence,
                (session, set) -> work.run(session, DatabaseState.read(session), set));
    }

    /**
     * Open and lock, as {@link #locked} does, for a goal that replaces the database rather than reads it (a restore
     * over a managed database): it waits for a run in progress there and keeps others out until it is done.
     */
    static <T> T locked(Database database, RunContext context, String goal, String consequence, LockedWork<T> work) {
        return inLock(database, context, null, true, goal, () -> consequence, (session, set) -> work.run(session));
    }

    @FunctionalInterface
    private interface Body<T> {
        T run(DatabaseSession session, ScriptSet scripts) throws SQLException;
    }

    private static <T> T inLock(
            Database database,
            RunContext context,
            Scripts scripts,
            boolean lock,
            String goal,
            Supplier<String> consequence,
            Body<T> body) {
        try (DatabaseSession session = scripts == null ? open(database, context) : null;
                Opened opened = scripts == null ? null : openWhileScanning(database, context, scripts)) {
            DatabaseSession active = session != null ? session : opened.session();
            if (lock) {
                active.lock(context.lockWait(), context.log());
            }
            return body.run(active, opened == null ? null : opened.scripts());
        } catch (SQLException e) {
            throw failure(database, goal, e, consequence.get());
        }
    }

    /** A session and the scripts read while it was being opened. */
    record Opened(DatabaseSession session, ScriptSet scripts) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    /**
     * Opens the session on a thread of its own while this thread reads the scripts and their checksums: in a fresh
     * JVM, connecting (the driver's classes, TLS, SCRAM) takes longer than reading a thousand scripts, so the two
     * overlap. A bad script is reported before an unreachable server, as when they ran one after the other.
     */
    static Opened openWhileScanning(Database database, RunContext context, Scripts scripts) {
        try (Ahead<DatabaseSession> opening =
                Ahead.start("dbmig-connect-" + database.id(), () -> open(database, context), DatabaseSession::close)) {
            ScriptSet set = scripts.scan();
            set.readChecksums(database.encoding());
            return new Opened(opening.get(), set);
        } catch (SQLException e) {
            throw failure(database, "preparing", e, ""); // open() reports its own failures; this is for the compiler
        }
    }

    private static void dropLeftovers(DatabaseSession session, Log log) throws SQLException {
        if (session.leftoversFound()) {
            AdminConnection.open(session.database(), log).close(); // opening it drops them
        }
    }

    /** A failure talking to PostgreSQL outside a script, with what it means for the database. */
    public static SetupException failure(Database database, String goal, SQLException e, String consequence) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root instanceof SocketTimeoutException
                ? "PostgreSQL at " + database.url().hosts() + " did not answer within "
                        + database.readTimeout().toSeconds()
                        + " s (the read timeout for dbmig's own queries, -Ddbmig.readTimeout)"
                : firstLine(e.getMessage());
        return new SetupException(
                about(database.id()) + goal + " failed talking to PostgreSQL: " + what + "." + consequence, e);
    }

    /** The first line of a message, without a full stop of its own: the sentence it goes into ends with one. */
    private static String firstLine(String message) {
        String text = Messages.firstLine(message == null ? null : message.strip());
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
