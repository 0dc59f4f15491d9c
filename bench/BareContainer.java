import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The yardstick for dbmig:start: a bare Testcontainers PostgreSQLContainer start (until it accepts connections), as a
 * test class would do it. Run by bench/lifecycle.sh with the test classpath: {@code java BareContainer.java <image>}.
 */
public class BareContainer {
    public static void main(String[] args) {
        DockerImageName image = DockerImageName.parse(args[0]).asCompatibleSubstituteFor("postgres");
        long started = System.nanoTime();
        try (PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(image)) {
            postgres.start();
            System.out.println((System.nanoTime() - started) / 1_000_000);
        }
    }
}
