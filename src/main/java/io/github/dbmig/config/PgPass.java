package io.github.dbmig.config;

import io.github.dbmig.log.Log;
import org.postgresql.jdbcurlresolver.PgPassParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;

/**
 * libpq's password file, read with PgJDBC's own {@link PgPassParser} (the file named by the
 * {@code org.postgresql.pgpassfile} system property, else {@code PGPASSFILE}, else {@code ~/.pgpass}). PgJDBC does not
 * enforce libpq's rule that the file be private; dbmig does: a file its group or others can read is ignored, with a
 * warning.
 */
public final class PgPass {

    private final Path path;
    private final Log log;

    private PgPass(Path path, Log log) {
        this.path = path;
        this.log = log;
    }

    /** The file PgJDBC reads, chosen as PgJDBC chooses it. */
    public static PgPass locate(Map<String, String> environment, Log log) {
        String property = System.getProperty("org.postgresql.pgpassfile");
        String env = environment.get("PGPASSFILE");
        Path path = property != null && !property.isBlank()
                ? Paths.get(property)
                : env != null && !env.isBlank()
                        ? Paths.get(env)
                        : Paths.get(System.getProperty("user.home"), ".pgpass");
        return new PgPass(path, log);
    }

    public Path path() {
        return path;
    }

    public Optional<String> passwordFor(String host, String port, String database, String username) {
        if (!Files.isRegularFile(path) || !privateEnough()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(PgPassParser.getPassword(host, port, database, username));
        } catch (RuntimeException e) {
            // PgJDBC fails on a matching line without a password field
            log.warn("Ignoring the password file " + path + ": a line matching " + host + ":" + port + ":" + database
                    + ":" + username + " cannot be read (" + e.getClass().getSimpleName() + ").");
            return Optional.empty();
        }
    }

    private boolean privateEnough() {
        try {
            for (PosixFilePermission p : Files.getPosixFilePermissions(path)) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    log.warn("Ignoring the password file " + path + ": it is readable by its group or others;"
                            + " make it private (chmod 0600) as libpq requires.");
                    return false;
                }
            }
            return true;
        } catch (UnsupportedOperationException e) {
            return true; // not a POSIX file system: libpq does not check there either
        } catch (IOException e) {
            return false;
        }
    }
}
