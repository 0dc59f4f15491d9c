package io.github.dbmig.testdb;

import io.github.dbmig.api.Dbmig;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.Scripts;
import io.github.dbmig.testing.StartBuilds;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Podman, both ways a user reaches it: as the client itself ({@code <dockerExecutable>podman</dockerExecutable>}),
 * and through the docker client at a socket of Podman's own ({@code podman system service}). Skipped, saying why,
 * where Podman is not installed or cannot run containers (its image store is filled from Docker's, as there is no
 * registry here).
 */
class PodmanTest {

    @TempDir
    Path project;

    @TempDir
    Path sockets;

    private Map<String, Object> state;

    /** Whether podman can run the test image here, asked once; why not, when it cannot. */
    private static String cannotRun;

    @BeforeEach
    void podmanRunsContainers() throws Exception {
        synchronized (PodmanTest.class) {
            if (cannotRun == null) {
                cannotRun = whyPodmanCannotRun();
            }
        }
        assumeTrue(cannotRun.isEmpty(), cannotRun); // reported as skipped, with the reason, for each test
    }

    private static String whyPodmanCannotRun() throws InterruptedException {
        try {
            if (run(List.of("podman", "info")) != 0) {
                return "podman does not answer here (podman info fails)";
            }
            if (run(List.of("podman", "image", "exists", TestPostgres.image())) != 0
                    && run(List.of("sh", "-c", "docker save " + TestPostgres.image() + " | podman load")) != 0) {
                return "the test image cannot be loaded into podman's store";
            }
            if (run(List.of("podman", "run", "--rm", TestPostgres.image(), "true")) != 0) {
                return "podman cannot run a container here (in a container without the rights to set its limits,"
                        + " runc fails: error setting rlimits)";
            }
            return "";
        } catch (IOException e) {
            return "podman is not installed here";
        }
    }

    @BeforeEach
    void scripts() {
        new Scripts(project.resolve("migrations")).table("1_a.sql", "a");
        state = new ConcurrentHashMap<>();
    }

    @AfterEach
    void removeWhatIsLeft() {
        if (state == null) {
            return; // skipped before it began
        }
        Dbmig.endOfBuild(state, new RecordingLog());
    }

    @Test
    void podmanAsTheClientStartsAndStops() throws Exception {
        startMigrateAndStop("podman", environment(Map.of()));
    }

    @Test
    void theDockerClientReachesPodmansOwnSocket() throws Exception {
        Path socket = sockets.resolve("podman.sock");
        Process service = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(socket), "podman system service listens on " + socket);
            startMigrateAndStop("docker", environment(Map.of("DOCKER_HOST", "unix://" + socket)));
        } finally {
            service.destroy();
            service.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** dbmig:start migrates a container through this client, its properties reach it, and dbmig:stop removes it. */
    private void startMigrateAndStop(String executable, Map<String, String> environment) throws Exception {
        Map<String, String> published = dbmig(executable, environment).start(List.of(database()), null);
        assertTrue(published.get("dbmig.it.url").startsWith("jdbc:postgresql://"), published.toString());
        assertEquals(1, podmanContainers(), "one container of this project in podman's store");
        dbmig(executable, environment).stop(List.of(database()), false);
        assertEquals(0, podmanContainers(), "dbmig:stop removed it");
    }

    private long podmanContainers() throws IOException, InterruptedException {
        Process ps = new ProcessBuilder(
                        "podman",
                        "ps",
                        "--all",
                        "--quiet",
                        "--filter",
                        "label=io.github.dbmig.project="
                                + project.toAbsolutePath().normalize())
                .start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor();
        return out.lines().filter(l -> !l.isBlank()).count();
    }

    private static Map<String, String> environment(Map<String, String> settings) {
        return StartBuilds.environment(List.of("DOCKER_HOST", "DOCKER_CONTEXT"), settings);
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private Database database() {
        return StartBuilds.database(project, TestPostgres.image(), false);
    }

    private Dbmig dbmig(String executable, Map<String, String> environment) {
        return StartBuilds.dbmig(
                project,
                state,
                environment,
                new ContainerOptions(executable, ContainerOptions.ClientSource.AUTO, null, true),
                new RecordingLog());
    }
}
