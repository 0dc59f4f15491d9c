package io.github.dbmig.connect.container;

import io.github.dbmig.connect.StartedContainer;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ResourceReaper;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A throwaway PostgreSQL started with Testcontainers for one goal: a database declared with {@code <image>}.
 * Its password is random and never shown. Only this package touches Testcontainers; {@code ContainerLauncher} loads
 * it, with Testcontainers' jars, only when a database asks for a container, so other goals never pay for them.
 */
public final class ContainerDatabase implements StartedContainer {

    private final PostgreSQLContainer<?> container;

    private ContainerDatabase(PostgreSQLContainer<?> container) {
        this.container = container;
    }

    public static ContainerDatabase start(String databaseId, String image, Log log) {
        DockerImageName name;
        try {
            name = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        } catch (IllegalArgumentException e) {
            throw new SetupException("<database> " + databaseId + ": <image>" + image + "</image> is not a valid image name: "
                    + e.getMessage());
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(name)
                .withDatabaseName("dbmig")
                .withUsername("dbmig")
                .withPassword(password);
        log.info("Starting a throwaway PostgreSQL container from " + image + " for database " + databaseId
                + "; it is removed when the goal ends.");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new SetupException("Database " + databaseId + ": cannot start a container from <image>" + image
                    + "</image>: " + rootMessage(e) + ". A throwaway database needs a running Docker engine and the image"
                    + " (or a registry to pull it from).", e);
        }
        return new ContainerDatabase(container);
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.close();
        // Without Ryuk, Testcontainers cleans up in a JVM shutdown hook, which runs after Maven has closed this
        // plugin's class realm and dies loading classes. Cleaning up now leaves that hook nothing new to load.
        ResourceReaper.instance().performCleanup();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
