package io.github.dbmig.backup;

import io.github.dbmig.connect.ConnectionTarget;
import io.github.dbmig.errors.SetupException;
import org.postgresql.Driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How pg_dump, pg_restore and psql reach a database: libpq's environment variables, and the password in a temporary
 * password file readable by the owner only, deleted on {@link #close()}. Nothing secret goes on a command line.
 */
public final class ClientEnvironment implements AutoCloseable {

    private final Map<String, String> variables = new HashMap<>();
    private final Path passFile;

    private ClientEnvironment(Map<String, String> variables, Path passFile) {
        this.variables.putAll(variables);
        this.passFile = passFile;
    }

    /**
     * @param target   the database's URL and credentials
     * @param database the database to connect to; null for the URL's own
     */
    public static ClientEnvironment of(ConnectionTarget target, String database) {
        Properties url = Driver.parseURL(target.url(), null);
        if (url == null) {
            throw new SetupException("Cannot read host and port from the JDBC URL of this database.");
        }
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", url.getProperty("PGHOST", "localhost").split(",")[0]);
        env.put("PGPORT", url.getProperty("PGPORT", "5432").split(",")[0]);
        env.put("PGDATABASE", database != null ? database : url.getProperty("PGDBNAME", ""));
        if (target.credentials().username() != null) {
            env.put("PGUSER", target.credentials().username());
        }
        if (url.getProperty("sslmode") != null) {
            env.put("PGSSLMODE", url.getProperty("sslmode"));
        }
        env.put("PGAPPNAME", "dbmig");
        env.put("PGCONNECT_TIMEOUT", "10");
        Path passFile = null;
        if (target.credentials().hasPassword()) {
            passFile = writePassFile(target.credentials().password());
            env.put("PGPASSFILE", passFile.toString());
        }
        return new ClientEnvironment(env, passFile);
    }

    /** The same server and credentials, another database (a scratch or restored one). */
    public ClientEnvironment forDatabase(String database) {
        Map<String, String> env = new HashMap<>(variables);
        env.put("PGDATABASE", database);
        return new ClientEnvironment(env, null); // the password file stays the original's to delete
    }

    /** Applies the variables to a process; PGPASSWORD and other inherited libpq settings are removed first. */
    public void applyTo(ProcessBuilder process) {
        Map<String, String> env = process.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.putAll(variables);
    }

    public String database() {
        return variables.get("PGDATABASE");
    }

    private static Path writePassFile(String password) {
        try {
            Path file = Files.createTempFile("dbmig-", ".pgpass", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            String escaped = password.replace("\\", "\\\\").replace(":", "\\:");
            Files.writeString(file, "*:*:*:*:" + escaped + "\n");
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            throw new SetupException("Cannot write a private password file for pg_dump: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (passFile != null) {
                Files.deleteIfExists(passFile);
            }
        } catch (IOException ignored) {
            // a temporary file: the system removes it in time
        }
    }
}
