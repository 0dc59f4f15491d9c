package io.github.dbmig.container;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.testdb.docker.Containers;
import io.github.dbmig.testdb.docker.Reaper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's client, as dbmig runs it, when the engine cannot be reached: each failure names the engine (the client
 * and where it looks), says what the client said, and what to do. The real {@code docker} client runs; no engine is
 * needed.
 */
class DockerCliTest {

    private static final String ADVICE = " A database with an <image> needs a running container engine (Docker, or"
            + " Podman with <dockerExecutable>podman</dockerExecutable>); without one, declare the database with a"
            + " <url>"
            + " to a PostgreSQL server instead.";

    @TempDir
    Path directory;

    private static Map<String, String> environment(String name, String value) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("DOCKER_CONTEXT");
        environment.remove("DOCKER_HOST");
        environment.put(name, value);
        return environment;
    }

    private static String failure(ContainerEngine engine) {
        return assertThrows(
                        SetupException.class,
                        () -> Containers.connect("app", engine, Reaper.in(new HashMap<>()), Log.NONE))
                .getMessage();
    }

    @Test
    void anEngineThatDoesNotAnswerIsNamedWithWhatTheClientSaid() {
        String socket = "unix://" + directory.resolve("none.sock");
        assertEquals(
                "Database app: the Docker engine that docker reaches (DOCKER_HOST=" + socket + "): `docker"
                        + " version` failed: Cannot connect to the Docker daemon at " + socket
                        + ". Is the docker daemon"
                        + " running?" + ADVICE,
                failure(DockerCli.of("docker", environment("DOCKER_HOST", socket))));
    }

    @Test
    void aClientThatIsNotInstalledIsNamed() {
        String missing = directory.resolve("podman").toString();
        assertEquals(
                "Database app: the Podman engine that podman reaches (DOCKER_CONTEXT=colima) cannot be asked: "
                        + missing + " does not run (Cannot run program \"" + missing + "\": error=2, No such file or"
                        + " directory). Install the Docker command-line client, or name yours with <dockerExecutable>"
                        + " (for example podman)." + ADVICE,
                failure(DockerCli.of(missing, environment("DOCKER_CONTEXT", "colima"))));
    }

    @Test
    void anEngineThatHangsIsGivenUpOnAfterTheTimeLimit() throws IOException {
        Path hanging = directory.resolve("docker");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        DockerCli engine = DockerCli.of(
                hanging.toString(), environment("DOCKER_HOST", "tcp://build-host:2376"), Duration.ofSeconds(1));
        long started = System.nanoTime();
        assertEquals(
                "Database app: the Docker engine that docker reaches (DOCKER_HOST=tcp://build-host:2376) did not answer"
                        + " `docker version` within 1 s; the call was ended. Check that the engine runs (`docker"
                        + " info`)." + ADVICE,
                failure(engine));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "the client was ended");
    }

    @Test
    void aPasswordInDockerHostIsNeverShown() {
        assertEquals(
                "the Docker engine that docker reaches (DOCKER_HOST=ssh://me:***@build-host)",
                DockerCli.of("docker", Map.of("DOCKER_HOST", "ssh://me:hunter2@build-host"))
                        .describe());
        assertEquals(
                "the Docker engine that docker reaches (its current context)",
                DockerCli.of("docker", Map.of()).describe());
    }

    @Test
    void aProgramRunFromAnImageGetsItsEnvironmentByNameOnly() {
        assertEquals(
                List.of(
                        "podman",
                        "run",
                        "--rm",
                        "--interactive",
                        "--init",
                        "--name",
                        "dbmig-client-1",
                        "--network",
                        "host",
                        "--env",
                        "PGHOST",
                        "--env",
                        "PGPASSWORD",
                        "--entrypoint",
                        "pg_dump",
                        "postgres:17",
                        "--format=custom"),
                DockerCli.of("podman", Map.of())
                        .runCommand(
                                "postgres:17",
                                List.of("PGHOST", "PGPASSWORD"),
                                true,
                                List.of(),
                                "dbmig-client-1",
                                List.of("pg_dump", "--format=custom")));
    }
}
