package io.github.dbmig.testing;

import io.github.dbmig.backup.ClientTools;
import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.container.ImageReference;
import io.github.dbmig.errors.SetupException;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM, started with Testcontainers from {@code -Ddbmig.it.image} (else the
 * {@code DBMIG_IT_IMAGE} environment variable, else the official {@code postgres:17}); each test gets a fresh
 * database in it.
 */
public final class TestPostgres {

    public static final String DEFAULT_IMAGE = "postgres:17";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgreSQLContainer<?> container;
    private static Boolean pgDumpFits;

    private TestPostgres() {}

    public static String image() {
        String property = System.getProperty("dbmig.it.image");
        if (property != null && !property.isBlank() && !property.startsWith("${")) {
            return property.strip();
        }
        String env = System.getenv("DBMIG_IT_IMAGE");
        return env != null && !env.isBlank() ? env.strip() : DEFAULT_IMAGE;
    }

    public static synchronized PostgreSQLContainer<?> server() {
        if (container == null) {
            container = new PostgreSQLContainer<>(DockerImageName.parse(image()).asCompatibleSubstituteFor("postgres"))
                    .withDatabaseName("admin")
                    .withUsername("admin")
                    .withPassword("admin-secret-pw");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        }
        return container;
    }

    /** Creates an empty database; its name starts with {@code prefix}. */
    public static TestDatabase freshDatabase(String prefix) {
        String clean = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_");
        // PostgreSQL cuts names at 63 bytes; keep the unique counter whole
        String name = clean.substring(0, Math.min(clean.length(), 50)) + "_" + DATABASES.incrementAndGet();
        try (Connection admin = adminConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(server(), name);
    }

    /** The test server's major version. */
    public static int serverMajor() {
        try (Connection c = adminConnection()) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether this machine has a pg_dump able to dump the test server (its major version or newer). Debian 12 ships
     * only PostgreSQL 15's client programs, so against a PostgreSQL 17 server the backup tests cannot run here.
     */
    public static synchronized boolean hostPgDumpFits() {
        if (pgDumpFits == null) {
            try {
                new ClientTools(null, new SystemProcessRunner()).find("pg_dump", serverMajor());
                pgDumpFits = true;
            } catch (SetupException e) {
                pgDumpFits = false;
            }
        }
        return pgDumpFits;
    }

    /**
     * Whether the builds of the integration tests can back up the test server here: with a local pg_dump of its major
     * version or newer, or with the client programs of the test image's repository tagged with that version (as dbmig
     * runs them when none is local, {@code -Ddbmig.clientImage} naming that repository), present in the engine.
     */
    public static synchronized boolean clientProgramsRun() {
        if (hostPgDumpFits()) {
            return true;
        }
        try {
            Process inspect = new ProcessBuilder("docker", "image", "inspect", clientImage() + ":" + serverMajor())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return inspect.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The repository of the test image, whose tags are PostgreSQL's major versions, as the official image's are. */
    public static String clientImage() {
        return ImageReference.parse(image()).repository();
    }

    /** A database of the test server that something else created (a restore, say). */
    public static TestDatabase existingDatabase(String name) {
        return new TestDatabase(server(), name);
    }

    public static Connection adminConnection() throws SQLException {
        PostgreSQLContainer<?> server = server();
        return DriverManager.getConnection(server.getJdbcUrl(), server.getUsername(), server.getPassword());
    }
}
