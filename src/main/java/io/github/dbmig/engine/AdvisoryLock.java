package io.github.dbmig.engine;

import io.github.dbmig.errors.MigrationFailedException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A session-level PostgreSQL advisory lock that serialises the goals that write to one changelog. It is held on
 * a connection of its own that stays idle and outside any transaction, so it never holds back other
 * transactions (nor waits for them, as {@code CREATE INDEX CONCURRENTLY} would); it goes when that connection
 * closes, even if the build is killed.
 */
final class AdvisoryLock implements AutoCloseable {

    /** First half of the two-part key: "dbmg"; the second half is derived from the changelog's name. */
    private static final int KEY_SPACE = 0x64626d67;
    private static final long FIRST_POLL_MILLIS = 25;
    private static final long MAX_POLL_MILLIS = 500;
    private static final Duration HOLDER_REPORT_INTERVAL = Duration.ofSeconds(30);

    private final Connection connection;
    private final int key;

    private AdvisoryLock(Connection connection, int key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * Polls for the lock until {@code timeout}, logging who holds it while waiting.
     *
     * @param connection a connection used for nothing else, in autocommit mode
     * @param lockName   what the lock protects, e.g. {@code app.changelog}
     */
    static AdvisoryLock acquire(Connection connection, String databaseId, String lockName, Duration timeout,
                                MigrationLog log) throws SQLException {
        int key = lockName.hashCode();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_MILLIS;
        long nextReport = 0;
        while (!tryLock(connection, key)) {
            long now = System.nanoTime();
            if (now - nextReport >= 0) {
                log.info("Waiting for the dbmig lock on database " + databaseId + " (" + lockName + "), held by "
                        + holder(connection, key).orElse("a session that just let it go") + "; waiting up to " + timeout + ".");
                nextReport = now + HOLDER_REPORT_INTERVAL.toNanos();
            }
            if (now - deadline >= 0) {
                throw new MigrationFailedException("Database " + databaseId + ": another dbmig run held the lock on "
                        + lockName + " for longer than dbmig.lockTimeout (" + timeout + "); holder: "
                        + holder(connection, key).orElse("gone now") + ". Nothing was changed; try again when it has finished,"
                        + " or raise -Ddbmig.lockTimeout.");
            }
            sleep(Math.min(pause, Math.max(1, (deadline - now) / 1_000_000)));
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
        return new AdvisoryLock(connection, key);
    }

    private static boolean tryLock(Connection connection, int key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, KEY_SPACE);
            lock.setInt(2, key);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** "pid 4242 (application dbmig, user app, from 10.0.0.7) since 2026-11-21 10:00:01+00". */
    private static Optional<String> holder(Connection connection, int key) throws SQLException {
        String sql = "SELECT a.pid, a.application_name, a.usename, a.client_addr, a.state_change"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::oid AND l.objid = ?::oid AND l.objsubid = 2"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, Integer.toUnsignedLong(KEY_SPACE));
            query.setLong(2, Integer.toUnsignedLong(key));
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of("pid " + rs.getInt(1) + " (application " + blankAsUnknown(rs.getString(2)) + ", user "
                        + rs.getString(3) + (rs.getString(4) == null ? "" : ", from " + rs.getString(4)) + ") since "
                        + rs.getString(5));
            }
        }
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

    @Override
    public void close() throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, KEY_SPACE);
            unlock.setInt(2, key);
            unlock.execute();
        }
    }
}
