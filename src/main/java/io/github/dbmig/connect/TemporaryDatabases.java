package io.github.dbmig.connect;

import io.github.dbmig.log.Log;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * dbmig's temporary databases (a restore before it is renamed, a scratch copy), their whole life: made under a name
 * {@code <prefix>_dbmig_<8 hex>} with a comment that says dbmig made them, guarded by an advisory lock that the
 * {@link AdminConnection} that made them holds while they are in use, then dropped, or kept (no longer dbmig's). A
 * build killed outright leaves one behind, unguarded; {@link #dropLeftovers} finds and drops exactly those. A temporary
 * database renamed to what the user asked for no longer has such a name, and is never taken for one.
 */
public final class TemporaryDatabases {

    /** How their comment starts. */
    public static final String COMMENT_PREFIX = "dbmig temporary database";

    /** Their names, ordered. */
    public static final String QUERY = "SELECT datname FROM pg_database WHERE datname ~ '_dbmig_[0-9a-f]{8}$'"
            + " AND shobj_description(oid, 'pg_database') LIKE '" + COMMENT_PREFIX + " (%' ORDER BY 1";

    private static final String DUPLICATE_DATABASE = "42P04";
    /** First half of a guard lock's key: "dbmt". */
    private static final int GUARD_SPACE = 0x64626d74;

    private final Connection connection;
    private final String databaseId;

    TemporaryDatabases(Connection connection, String databaseId) {
        this.connection = connection;
        this.databaseId = databaseId;
    }

    /** What is done with a temporary database while it exists. */
    @FunctionalInterface
    public interface Use<E extends Exception> {
        void in(Temporary database) throws E, SQLException;
    }

    /** A temporary database in use: its name, and the way to keep it instead of dropping it. */
    public final class Temporary {

        private final String name;
        private boolean kept;

        private Temporary(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Keeps it when the work is done (marked as dbmig's no longer) instead of dropping it. */
        public void keep() throws SQLException {
            kept = true;
            TemporaryDatabases.this.keep(name);
        }
    }

    /**
     * Makes a temporary database ({@link #create}), hands it to {@code work}, and drops it afterwards, also when the
     * work failed, unless the work kept it.
     */
    public <E extends Exception> void use(String prefix, String owner, String purpose, Use<E> work)
            throws E, SQLException {
        Temporary database = new Temporary(create(prefix, owner, purpose));
        try {
            work.in(database);
        } finally {
            if (!database.kept) {
                AdminConnection.drop(connection, database.name);
            }
        }
    }

    /**
     * Creates a temporary database named {@code <prefix>_dbmig_<random>}, guarded for as long as the admin connection
     * lives, and marked as dbmig's with {@code purpose} in its comment.
     */
    public String create(String prefix, String owner, String purpose) throws SQLException {
        String name;
        for (int attempt = 1; ; attempt++) {
            name = prefix.substring(0, Math.min(prefix.length(), 40)) + "_dbmig_"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            guard(name);
            try {
                AdminConnection.execute(
                        connection,
                        "CREATE DATABASE " + SqlIdentifier.quote(name)
                                + (owner == null ? "" : " OWNER " + SqlIdentifier.quote(owner))
                                + " TEMPLATE template0");
                break;
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) || attempt == 3) {
                    throw e;
                }
                // a database of that name exists (not ours to touch): another name
            }
        }
        AdminConnection.execute(
                connection,
                "COMMENT ON DATABASE " + SqlIdentifier.quote(name) + " IS "
                        + SqlIdentifier.literal(COMMENT_PREFIX + " (" + purpose + "), made by process "
                                + ProcessHandle.current().pid() + "; dbmig drops it if a killed build left it behind"));
        return name;
    }

    /** Marks a temporary database as dbmig's no longer (once it is renamed to what the user asked for). */
    public void keep(String name) throws SQLException {
        AdminConnection.execute(connection, "COMMENT ON DATABASE " + SqlIdentifier.quote(name) + " IS NULL");
    }

    /**
     * Drops the temporary databases that dbmig made and no running dbmig guards any more: what builds killed
     * outright left behind. Returns their names.
     */
    public List<String> dropLeftovers(Log log) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(QUERY)) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        List<String> dropped = new ArrayList<>();
        for (String name : candidates) {
            if (!tryGuard(name)) {
                continue; // a running dbmig uses it
            }
            try {
                AdminConnection.drop(connection, name);
                dropped.add(name);
                log.info("Dropped " + name
                        + ", a temporary database that an interrupted dbmig run left behind on the server of "
                        + databaseId + ".");
            } catch (SQLException e) {
                log.warn("Could not drop " + name + ", a temporary database that an interrupted dbmig run left behind: "
                        + e.getMessage());
            } finally {
                lock("SELECT pg_advisory_unlock(?, ?)", name);
            }
        }
        return dropped;
    }

    private void guard(String name) throws SQLException {
        lock("SELECT pg_advisory_lock(?, ?)", name);
    }

    private boolean tryGuard(String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, GUARD_SPACE);
            lock.setInt(2, guardKey(name));
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Takes or releases the guard of {@code name}. */
    private void lock(String sql, String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setInt(1, GUARD_SPACE);
            lock.setInt(2, guardKey(name));
            lock.execute();
        }
    }

    private static int guardKey(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
