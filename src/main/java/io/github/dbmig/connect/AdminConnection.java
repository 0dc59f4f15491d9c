package io.github.dbmig.connect;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * A connection to the server's maintenance database ({@code postgres}, else {@code template1}), for creating,
 * dropping and renaming databases, none of which can be done from inside the database concerned.
 * <p>
 * Temporary databases (a restore before it is renamed, a scratch copy for a full verification) carry a comment that
 * says dbmig made them, and are guarded by an advisory lock that this connection holds while they are in use. A build
 * killed outright leaves one behind, unguarded; {@link #dropLeftovers} finds and drops exactly those.
 */
public final class AdminConnection implements AutoCloseable {

    /** First half of a guard lock's key: "dbmt". */
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final int GUARD_SPACE = 0x64626d74;
    private static final String COMMENT_PREFIX = TemporaryDatabases.COMMENT_PREFIX;

    private final Connection connection;
    private final String databaseId;

    private AdminConnection(Connection connection, String databaseId) {
        this.connection = connection;
        this.databaseId = databaseId;
    }

    /**
     * Opens it and first drops what dbmig's own killed runs left on that server ({@link #dropLeftovers}), saying so:
     * every goal that reaches a server this way, or through a database session that finds leftovers, tidies it.
     */
    public static AdminConnection open(Database database, Log log) throws SQLException {
        AdminConnection admin = open(database);
        try {
            admin.dropLeftovers(log);
            return admin;
        } catch (SQLException | RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    /** Opens it without tidying the server: for a shutdown hook, which has no log to say what it dropped. */
    public static AdminConnection open(Database database) {
        SetupException last = null;
        for (String maintenance : new String[] {"postgres", "template1"}) {
            try {
                Connection c = PgConnector.open(database, database.url().withDatabase(maintenance));
                c.setAutoCommit(true);
                return new AdminConnection(c, database.id());
            } catch (SetupException e) {
                last = e;
            } catch (SQLException e) {
                last = new SetupException("Database " + database.id() + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    public boolean databaseExists(String name) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    public boolean roleExists(String name) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates a temporary database named {@code <prefix>_dbmig_<random>}, guarded for as long as this connection
     * lives, and marked as dbmig's with {@code purpose} in its comment.
     */
    public String createTemporary(String prefix, String owner, String purpose) throws SQLException {
        String name;
        for (int attempt = 1; ; attempt++) {
            name = prefix.substring(0, Math.min(prefix.length(), 40)) + "_dbmig_"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            guard(name);
            try {
                execute("CREATE DATABASE " + SqlIdentifier.quote(name) + (owner == null ? "" : " OWNER "
                        + SqlIdentifier.quote(owner)) + " TEMPLATE template0");
                break;
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) || attempt == 3) {
                    throw e;
                }
                // a database of that name exists (not ours to touch): another name
            }
        }
        execute("COMMENT ON DATABASE " + SqlIdentifier.quote(name) + " IS " + literal(COMMENT_PREFIX + " (" + purpose
                + "), made by process " + ProcessHandle.current().pid() + "; dbmig drops it if a killed build left it behind"));
        return name;
    }

    /** Marks a temporary database as dbmig's no longer (once it is renamed to what the user asked for). */
    public void keep(String name) throws SQLException {
        execute("COMMENT ON DATABASE " + SqlIdentifier.quote(name) + " IS NULL");
    }

    private void guard(String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, GUARD_SPACE);
            lock.setInt(2, guardKey(name));
            lock.execute();
        }
    }

    /**
     * Drops the temporary databases that dbmig made and no running dbmig guards any more: what builds killed
     * outright left behind. Returns their names.
     */
    public List<String> dropLeftovers(Log log) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(TemporaryDatabases.QUERY)) {
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
                drop(name);
                dropped.add(name);
                log.info("Dropped " + name + ", a temporary database that an interrupted dbmig run left behind on the server of "
                        + databaseId + ".");
            } catch (SQLException e) {
                log.warn("Could not drop " + name + ", a temporary database that an interrupted dbmig run left behind: "
                        + e.getMessage());
            } finally {
                unguard(name);
            }
        }
        return dropped;
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

    private void unguard(String name) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, GUARD_SPACE);
            unlock.setInt(2, guardKey(name));
            unlock.execute();
        }
    }

    private static int guardKey(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** Drops a database, ending its sessions first. */
    public void drop(String name) throws SQLException {
        try (PreparedStatement end = connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            end.setString(1, name);
            end.execute();
        }
        execute("DROP DATABASE IF EXISTS " + SqlIdentifier.quote(name));
    }

    public void rename(String from, String to) throws SQLException {
        execute("ALTER DATABASE " + SqlIdentifier.quote(from) + " RENAME TO " + SqlIdentifier.quote(to));
    }

    /** Lets new sessions into a database, or keeps them out (while it is about to be replaced). */
    public void allowConnections(String name, boolean allow) throws SQLException {
        execute("ALTER DATABASE " + SqlIdentifier.quote(name) + " WITH ALLOW_CONNECTIONS " + allow);
    }

    /** The user this connection logged in as. */
    public String currentUser() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether that user may create databases here: it has CREATEDB, or is a superuser. */
    public boolean mayCreateDatabases() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    public int serverMajor() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to release
        }
    }
}
