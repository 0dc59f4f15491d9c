package io.github.dbmig.testdb.docker;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A {@code DOCKER_HOST} that dbmig's JDK-only client cannot use (TLS, SSH, another scheme) is named, with what to do,
 * before anything is asked of an engine: no Docker needed.
 */
class ContainersTest {

    private static final String WHAT_TO_DO =
            ", which dbmig's Docker client cannot use: it speaks to the engine with the"
                    + " JDK alone, over a Unix socket or plain TCP. Make the engine reachable that way"
                    + " (DOCKER_HOST=unix:///path/to/docker.sock, or tcp://host:2375 without DOCKER_TLS_VERIFY and"
                    + " DOCKER_CERT_PATH, on a trusted network only: plain TCP has no authentication). Or declare the"
                    + " database"
                    + " with a <url> to an existing PostgreSQL server instead of an <image>.";

    private static String failure(Map<String, String> environment) {
        return assertThrows(
                        SetupException.class,
                        () -> Containers.connect("app", environment, Reaper.in(new HashMap<>()), Log.NONE))
                .getMessage();
    }

    @Test
    void tcpWithTlsVerifyIsNamed() {
        assertEquals(
                "Database app: DOCKER_HOST=tcp://build-host:2376 with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH set"
                        + " asks for TLS" + WHAT_TO_DO,
                failure(Map.of(
                        "DOCKER_HOST",
                        "tcp://build-host:2376",
                        "DOCKER_TLS_VERIFY",
                        "1",
                        "DOCKER_CERT_PATH",
                        "/home/me/.docker")));
    }

    @Test
    void tcpWithCertificatesOnlyIsNamed() {
        assertEquals(
                "Database app: DOCKER_HOST=tcp://build-host:2376 with DOCKER_CERT_PATH set asks for TLS" + WHAT_TO_DO,
                failure(Map.of("DOCKER_HOST", "tcp://build-host:2376", "DOCKER_CERT_PATH", "/home/me/.docker")));
    }

    @Test
    void sshIsNamedWithItsPasswordMasked() {
        assertEquals(
                "Database app: DOCKER_HOST=ssh://me:***@build-host reaches the engine over SSH" + WHAT_TO_DO,
                failure(Map.of("DOCKER_HOST", "ssh://me:hunter2@build-host")));
    }

    @Test
    void anotherSchemeIsNamed() {
        assertEquals(
                "Database app: DOCKER_HOST=npipe:////./pipe/docker_engine uses npipe://" + WHAT_TO_DO,
                failure(Map.of("DOCKER_HOST", "npipe:////./pipe/docker_engine")));
    }

    @Test
    void aHostThatIsNoUrlIsNamed() {
        assertEquals(
                "Database app: DOCKER_HOST=tcp://build host:2375 is not a URL such as unix:///var/run/docker.sock or"
                        + " tcp://host:2375. Or declare the database with a <url> to an existing PostgreSQL server"
                        + " instead"
                        + " of an <image>.",
                failure(Map.of("DOCKER_HOST", "tcp://build host:2375")));
    }

    @Test
    void unixSocketsAndPlainTcpAreUsed() {
        assertNull(DockerEngine.unsupported(Map.of()));
        assertNull(DockerEngine.unsupported(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock")));
        assertNull(DockerEngine.unsupported(Map.of("DOCKER_HOST", "tcp://build-host:2375", "DOCKER_TLS_VERIFY", "0")));
        assertEquals(
                "tcp://build-host:2375",
                DockerEngine.locate(Map.of("DOCKER_HOST", "tcp://build-host:2375", "DOCKER_TLS_VERIFY", ""))
                        .where());
        assertEquals(
                "unix:///var/run/docker.sock",
                DockerEngine.locate(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"))
                        .where());
    }
}
