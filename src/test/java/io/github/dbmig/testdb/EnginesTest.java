package io.github.dbmig.testdb;

import io.github.dbmig.api.Dbmig;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.container.fixture.AuthRegistry;
import io.github.dbmig.container.fixture.SocketForwarder;
import io.github.dbmig.container.fixture.TlsEngineProxy;
import io.github.dbmig.errors.SetupException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dbmig:start} on engines reached the ways the Docker CLI reaches them, each a real engine (this machine's,
 * behind a fixture): a Docker context whose endpoint is another socket, a TLS endpoint with client certificates, and
 * an image from a registry that needs a login, pulled with the credentials of the client's {@code config.json}, then
 * named by its digest. Each fixture counts what went through it, so that a start that reached the engine some other
 * way would fail the test; each also fails as it should (no context socket, the wrong CA, no credentials), naming the
 * engine and what the client said.
 */
class EnginesTest {

    private static final Path ENGINE_SOCKET = Path.of("/var/run/docker.sock");

    @TempDir
    Path project;

    @TempDir
    Path client;

    private Map<String, Object> state;

    @BeforeEach
    void scripts() {
        new Scripts(project.resolve("migrations")).table("1_a.sql", "a");
        state = new ConcurrentHashMap<>();
    }

    @AfterEach
    void removeWhatIsLeft() {
        Dbmig.endOfBuild(state, new RecordingLog());
    }

    @Test
    void aContextSelectedWithDockerContextIsWhereContainersStart() throws Exception {
        Path config = Files.createDirectories(client.resolve("config"));
        try (SocketForwarder forwarder = new SocketForwarder(client.resolve("context.sock"), ENGINE_SOCKET)) {
            docker(
                    Map.of("DOCKER_CONFIG", config.toString()),
                    "context",
                    "create",
                    "through-forwarder",
                    "--docker",
                    "host=" + forwarder.dockerHost());
            Map<String, String> environment =
                    environment(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "through-forwarder"));
            Map<String, String> published = dbmig(environment).start(List.of(database(TestPostgres.image())), null);
            assertTrue(published.containsKey("dbmig.it.url"), "published " + published.keySet());
            assertTrue(
                    forwarder.connections() >= 4,
                    "the client went through the context's socket: " + forwarder.connections() + " connection(s)");
            dbmig(environment).stop(List.of(database(TestPostgres.image())), false);
        }
        String message = assertThrows(
                        SetupException.class,
                        () -> dbmig(environment(Map.of(
                                        "DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "through-forwarder")))
                                .start(List.of(database(TestPostgres.image())), null))
                .getMessage();
        assertEquals(
                "Database it: the Docker engine that docker reaches (DOCKER_CONTEXT=through-forwarder): `docker"
                        + " version` failed: Cannot connect to the Docker daemon at unix://"
                        + client.resolve("context.sock")
                        + ". Is the docker daemon running?" + advice(),
                message,
                "with its socket gone, the context is not reachable, and nothing else was tried");
    }

    @Test
    void aTlsEndpointWithClientCertificatesIsReached() throws Exception {
        try (TlsEngineProxy tls = new TlsEngineProxy(ENGINE_SOCKET)) {
            Map<String, String> environment = environment(Map.of(
                    "DOCKER_HOST", tls.dockerHost(),
                    "DOCKER_TLS_VERIFY", "1",
                    "DOCKER_CERT_PATH", tls.certPath().toString()));
            Map<String, String> published = dbmig(environment).start(List.of(database(TestPostgres.image())), null);
            assertTrue(
                    published.get("dbmig.it.url").startsWith("jdbc:postgresql://127.0.0.1:"),
                    "published on the engine's host, as DOCKER_HOST names it: " + published.get("dbmig.it.url"));
            assertTrue(tls.connections() >= 4, "through the TLS endpoint: " + tls.connections());
            dbmig(environment).stop(List.of(database(TestPostgres.image())), false);

            Map<String, String> wrongCa = new HashMap<>(environment);
            wrongCa.put("DOCKER_CERT_PATH", tls.wrongCaCertPath().toString());
            String message = assertThrows(
                            SetupException.class,
                            () -> dbmig(wrongCa).start(List.of(database(TestPostgres.image())), null))
                    .getMessage();
            assertTrue(
                    message.startsWith("Database it: the Docker engine that docker reaches (DOCKER_HOST="
                            + tls.dockerHost() + "): `docker version` failed: error during connect: "),
                    message);
            assertTrue(
                    message.contains("tls: failed to verify certificate: x509: certificate signed by unknown"
                            + " authority" + advice()),
                    message);
        }
    }

    @Test
    void anImageBehindALoginIsPulledWithTheClientsCredentialsThenNamedByItsDigest() throws Exception {
        try (AuthRegistry registry = new AuthRegistry(TestPostgres.image(), "corp/postgres", "15", "ci", "s3cret")) {
            try {
                Path noLogin = Files.createDirectories(client.resolve("no-login"));
                String refused = assertThrows(
                                SetupException.class,
                                () -> dbmig(environment(Map.of("DOCKER_CONFIG", noLogin.toString())))
                                        .start(List.of(database(registry.reference())), null))
                        .getMessage();
                assertTrue(
                        refused.startsWith("Database it: <image>" + registry.reference() + "</image>: pulling the"
                                + " image failed: the Docker engine that docker reaches (its current context): `docker"
                                + " pull` failed: "),
                        refused);
                assertTrue(
                        refused.endsWith("no basic auth credentials. If " + registry.host() + " needs a login, log the"
                                + " client in (`docker login " + registry.host() + "`): dbmig pulls with its"
                                + " credentials."),
                        refused);

                Path login = AuthRegistry.writeDockerConfig(client.resolve("login"), registry.host(), "ci", "s3cret");
                Map<String, String> environment = environment(Map.of("DOCKER_CONFIG", login.toString()));
                RecordingLog log = new RecordingLog();
                dbmig(environment, log).start(List.of(database(registry.reference())), null);
                assertTrue(
                        log.lines.contains("INFO Pulling " + registry.reference() + " for database it..."),
                        log.lines.toString());
                assertTrue(registry.authorizedRequests() > 0, "pulled with the credentials of config.json");
                dbmig(environment).stop(List.of(database(registry.reference())), false);

                String digest = docker(
                        Map.of(), "image", "inspect", "--format", "{{index .RepoDigests 0}}", registry.reference());
                assertTrue(digest.contains("@sha256:"), digest);
                Map<String, String> published = dbmig(environment).start(List.of(database(digest)), null);
                assertTrue(published.containsKey("dbmig.it.url"), "a digest reference starts as it is");
                dbmig(environment).stop(List.of(database(digest)), false);
            } finally {
                docker(Map.of(), "image", "rm", "--force", registry.reference());
            }
        }
    }

    private static String advice() {
        return " A database with an <image> needs a running container engine (Docker, or Podman with"
                + " <dockerExecutable>podman</dockerExecutable>); without one, declare the database with a <url> to a"
                + " PostgreSQL server instead.";
    }

    /**
     * This machine's environment without its own engine settings, and with {@code settings}: with no
     * {@code TESTCONTAINERS_HOST_OVERRIDE}, so that dbmig finds where published ports are by itself.
     */
    private static Map<String, String> environment(Map<String, String> settings) {
        return StartBuilds.environment(
                List.of(
                        "DOCKER_HOST",
                        "DOCKER_CONTEXT",
                        "DOCKER_TLS_VERIFY",
                        "DOCKER_CERT_PATH",
                        "DOCKER_CONFIG",
                        "TESTCONTAINERS_HOST_OVERRIDE"),
                settings);
    }

    /** Runs the docker client as a user would; its output. */
    private static String docker(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), "docker " + String.join(" ", args) + ": " + out);
        return out;
    }

    private Database database(String image) {
        return StartBuilds.database(project, image, false);
    }

    private Dbmig dbmig(Map<String, String> environment) {
        return dbmig(environment, new RecordingLog());
    }

    private Dbmig dbmig(Map<String, String> environment, RecordingLog log) {
        return StartBuilds.dbmig(project, state, environment, ContainerOptions.DEFAULT, log);
    }
}
