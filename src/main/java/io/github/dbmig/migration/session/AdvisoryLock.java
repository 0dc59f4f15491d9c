package io.github.dbmig.migration.session;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.log.Log;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.CRC32;

import static io.github.dbmig.errors.Messages.about;

/**
 * A session-level PostgreSQL advisory lock that serialises the goals that write to one changelog, keyed on the
 * changelog as PostgreSQL resolves it ({@code public.changelog}), so every spelling of it in a pom shares one lock.
 * It is held by the session that runs the scripts: it cannot outlive that session, and a session that is ended
 * (by the server, an administrator or a network failure) can commit nothing further. Session-level advisory locks
 * are not tied to transactions, so {@code CREATE INDEX CONCURRENTLY} in that session does not wait on it.
 */
public final class AdvisoryLock {

    /** First half of the two-part key: "dbmg"; the second half is derived from the changelog's resolved name. */
    private static final int KEY_SPACE = 0x64626d67;

    private static final long FIRST_POLL_MILLIS = 25;
    private static final long MAX_POLL_MILLIS = 500;
    private static final Duration HOLDER_REPORT_INTERVAL = Duration.ofSeconds(30);

    private final String checkExpression;

    private AdvisoryLock(int key) {
        String args = KEY_SPACE + ", " + key;
        this.checkExpression = "COALESCE(CASE WHEN pg_catalog.pg_advisory_unlock(" + args + ") THEN CASE WHEN"
                + " pg_catalog.pg_try_advisory_lock(" + args + ") THEN 1 END END, ('" + LOST
                + " (session ' || pg_catalog.pg_backend_pid() || ')')::int)";
    }

    /** The text of the error {@link #checkExpression()} fails with. */
    public static final String LOST = "dbmig no longer holds its lock on this changelog";

    /** Polls for the lock until {@code wait}, logging who holds it while waiting; on a connection in autocommit. */
    static AdvisoryLock acquire(Connection connection, String databaseId, String lockName, Duration wait, Log log)
            throws SQLException {
        int key = keyOf(lockName);
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_POLL_MILLIS;
        long nextReport = System.nanoTime();
        while (!tryLock(connection, key)) {
            long now = System.nanoTime();
            if (now - nextReport >= 0) {
                log.info("Waiting for the dbmig lock on database " + databaseId + " (" + lockName + "), held by "
                        + holder(connection, key).orElse("a session that just let it go") + "; waiting up to " + wait
                        + ".");
                nextReport = now + HOLDER_REPORT_INTERVAL.toNanos();
            }
            if (now - deadline >= 0) {
                throw new MigrationFailedException(about(databaseId) + "another dbmig run held the lock on "
                        + lockName + " for longer than dbmig.lockWait (" + wait + "); holder: "
                        + holder(connection, key).orElse("gone now")
                        + ". Nothing was changed; try again when it has finished,"
                        + " or raise -Ddbmig.lockWait.");
            }
            sleep(Math.min(pause, Math.max(1, (deadline - now) / 1_000_000)));
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
        return new AdvisoryLock(key);
    }

    /** A stable 32-bit key for a name (CRC-32: the same in every JVM and release). */
    public static int keyOf(String lockName) {
        CRC32 crc = new CRC32();
        crc.update(lockName.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static boolean tryLock(Connection connection, int key) throws SQLException {
        // taken twice (the second is granted at once to the holder): see checkExpression
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?) AND pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, KEY_SPACE);
            lock.setInt(2, key);
            lock.setInt(3, KEY_SPACE);
            lock.setInt(4, key);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** "pid 4242 (application dbmig, user app, from 10.0.0.7) since 2026-11-21 10:00:01+00". */
    private static Optional<String> holder(Connection connection, int key) throws SQLException {
        String sql = "SELECT a.pid, a.application_name, a.usename, a.client_addr, a.backend_start"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::oid AND l.objid = ?::oid AND"
                + " l.objsubid = 2"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, Integer.toUnsignedLong(KEY_SPACE));
            query.setLong(2, Integer.toUnsignedLong(key));
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of("pid " + rs.getInt(1) + " (application " + blankAsUnknown(rs.getString(2))
                        + ", user "
                        + rs.getString(3) + (rs.getString(4) == null ? "" : ", from " + rs.getString(4)) + ") since "
                        + rs.getString(5));
            }
        }
    }

    /**
     * An expression that fails unless this session still holds the lock: run before dbmig writes its rows, in the same
     * transaction, so that a run that lost its lock (a script ran {@code pg_advisory_unlock_all()} or
     * {@code DISCARD ALL}) commits nothing. The session holds the lock twice (see {@link #acquire}), so giving one
     * level back and taking it again never leaves it free; had it been lost, giving back fails and the statement with
     * it. Two function calls: reading {@code pg_locks} instead would cost the server a snapshot of every lock, per
     * script.
     */
    String checkExpression() {
        return checkExpression;
    }

    private static String blankAsUnknown(String value) {
        return value == null || value.isEmpty() ? "unnamed" : value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationFailedException("Interrupted while waiting for the dbmig lock; nothing was changed.");
        }
    }
}
