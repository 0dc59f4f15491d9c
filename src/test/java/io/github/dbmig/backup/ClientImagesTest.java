package io.github.dbmig.backup;

import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.config.BackupOptions;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.container.DockerCli;
import io.github.dbmig.container.ImageReference;
import io.github.dbmig.container.fixture.TlsEngineProxy;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine with only Docker installed: no local pg_dump, pg_restore or psql anywhere dbmig looks, so a backup, its
 * verification and a restore run the programs of the server's major version from an image, the dump streamed to the
 * backup file, the password through the environment. The image is the test image's repository, tagged with the
 * server's major version as {@code postgres:<major>} would be (this machine has no registry to pull the official one
 * from). Real server, real engine.
 */
class ClientImagesTest {

    private static final String CONTENT = """
            CREATE TABLE people (id int PRIMARY KEY, name text);
            INSERT INTO people SELECT g, 'person ' || g FROM generate_series(1, 1000) g;
            CREATE VIEW some_people AS SELECT name FROM people WHERE id < 10;
            """;

    @TempDir
    Path tmp;

    private TestDatabase db;
    private final RecordingLog log = new RecordingLog();
    private final List<ProcessRunner.Command> commands = Collections.synchronizedList(new ArrayList<>());
    private final ProcessRunner runner = command -> {
        commands.add(command);
        return new SystemProcessRunner().run(command);
    };

    @BeforeEach
    void setUp() throws Exception {
        db = TestPostgres.freshDatabase("images");
        db.execute(CONTENT);
    }

    private static String repository() {
        return ImageReference.parse(TestPostgres.image()).repository();
    }

    private ClientTools tools(ContainerOptions.ClientSource source) {
        ContainerOptions options = new ContainerOptions("docker", source, ImageReference.parse(repository()), true);
        return ClientTools.in(
                List.of(), runner, new ClientImages(DockerCli.of("docker", System.getenv()), options, log));
    }

    private Database database(BackupFormat format) {
        Path dir = tmp.resolve("backups");
        return db.builder()
                .id("prod")
                .scripts(tmp)
                .backup(new BackupOptions(dir, format.name(), null, 2, List.of(), null, true, 1.0, null), null)
                .backupRun(dir, null, false)
                .build(db.credentials());
    }

    @Test
    void withNoLocalProgramsABackupIsTakenVerifiedAndRestoredThroughTheImage() throws Exception {
        int major = TestPostgres.serverMajor();
        String image = repository() + ":" + major;
        for (BackupFormat format : List.of(BackupFormat.CUSTOM, BackupFormat.DIRECTORY, BackupFormat.PLAIN)) {
            Database database = database(format);
            ClientTools tools = tools(ContainerOptions.ClientSource.AUTO);
            BackupResult result =
                    new BackupService(database, tools, runner, log, Clock.systemUTC()).backup("42", List.of());
            assertTrue(result.manifest().verified());
            assertEquals(major, result.manifest().pgDumpVersion());
            assertTrue(
                    log.lines.stream()
                            .anyMatch(line -> line.startsWith("INFO Backup of prod written to " + result.path())
                                    && line.endsWith(", pg_dump " + major + " from image " + image + ", verified).")),
                    log.lines.toString());

            String copy = db.name() + "_" + format.name().toLowerCase();
            RestoreRequest request = new RestoreRequest(result.path(), copy, null, false, null);
            RestoreService restorer = new RestoreService(database, tools, runner, log, Clock.systemUTC());
            restorer.restore(restorer.prepare(request), request, Map.of());
            assertEquals(
                    db.queryStrings("SELECT count(*) || ' ' || md5(string_agg(name, ',' ORDER BY id)) FROM people"),
                    TestPostgres.existingDatabase(copy)
                            .queryStrings(
                                    "SELECT count(*) || ' ' || md5(string_agg(name, ',' ORDER BY id)) FROM people"),
                    format + " round trip");
        }
        assertEquals(
                "INFO No local pg_dump of PostgreSQL " + major + " or newer was found; PostgreSQL's client programs run"
                        + " from image " + image + " (PostgreSQL " + major + ") through the Docker engine that docker"
                        + " reaches (" + where() + ").",
                log.lines.stream()
                        .filter(l -> l.contains("client programs run"))
                        .findFirst()
                        .orElseThrow());
        for (ProcessRunner.Command command : commands) {
            assertEquals("docker", command.argv().get(0), command.toString());
            assertFalse(String.join(" ", command.argv()).contains(db.password()), command.toString());
            assertTrue(command.argv().containsAll(List.of("--env", "PGPASSWORD")), command.toString());
        }
    }

    @Test
    void anEngineAcrossTheNetworkGetsTheArchiveThroughItsStandardInputAndOutput() throws Exception {
        try (TlsEngineProxy remote = new TlsEngineProxy(Path.of("/var/run/docker.sock"))) {
            Map<String, String> environment = new HashMap<>(System.getenv());
            environment.put("DOCKER_HOST", remote.dockerHost());
            environment.put("DOCKER_TLS_VERIFY", "1");
            environment.put("DOCKER_CERT_PATH", remote.certPath().toString());
            ClientTools tools = ClientTools.in(
                    List.of(),
                    runner,
                    new ClientImages(
                            DockerCli.of("docker", environment),
                            new ContainerOptions(
                                    "docker",
                                    ContainerOptions.ClientSource.CONTAINER,
                                    ImageReference.parse(repository()),
                                    true),
                            log));
            Database database = database(BackupFormat.CUSTOM);
            BackupResult result =
                    new BackupService(database, tools, runner, log, Clock.systemUTC()).backup("42", List.of());
            assertTrue(result.manifest().verified());
            for (ProcessRunner.Command command : commands) {
                assertFalse(String.join(" ", command.argv()).contains("--mount"), "nothing bound: " + command);
            }
            assertTrue(commands.get(0).stdout() != null, "the dump came through the client's standard output");
            assertTrue(commands.get(1).stdin() != null, "pg_restore --list read it on its standard input");
        }
    }

    @Test
    void localOnlyFailsAsBeforeAndNamesWhereItLooked() {
        SetupException e = assertThrows(
                SetupException.class,
                () -> tools(ContainerOptions.ClientSource.LOCAL).find("pg_dump", TestPostgres.serverMajor()));
        assertEquals(
                "No pg_dump of PostgreSQL " + TestPostgres.serverMajor() + " or newer was found for a server of major"
                        + " version " + TestPostgres.serverMajor() + "; found none. Install the PostgreSQL "
                        + TestPostgres.serverMajor() + " client programs, or point <pgBinDir> at them.",
                e.getMessage());
    }

    @Test
    void withNoEngineEitherBothReasonsAreGiven() throws IOException {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("DOCKER_HOST", "unix://" + tmp.resolve("none.sock"));
        ClientTools tools = ClientTools.in(
                List.of(),
                runner,
                new ClientImages(
                        DockerCli.of("docker", environment),
                        new ContainerOptions("docker", ContainerOptions.ClientSource.AUTO, null, true),
                        log));
        SetupException e = assertThrows(SetupException.class, () -> tools.find("pg_dump", 17));
        assertEquals(
                "No pg_dump of PostgreSQL 17 or newer was found for a server of major version 17; found none. Install"
                        + " the PostgreSQL 17 client programs, or point <pgBinDir> at them. Nor could it"
                        + " run from an image (<clientTools>auto</clientTools>): PostgreSQL's client programs cannot"
                        + " run from image postgres:17: the Docker engine that docker reaches (DOCKER_HOST=unix://"
                        + tmp.resolve("none.sock") + "): `docker version` failed: Cannot connect to the Docker daemon"
                        + " at unix://" + tmp.resolve("none.sock") + ". Is the docker daemon running?",
                e.getMessage());
    }

    private static String where() {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "");
        String context = System.getenv().getOrDefault("DOCKER_CONTEXT", "");
        return !host.isBlank()
                ? "DOCKER_HOST=" + host
                : !context.isBlank() ? "DOCKER_CONTEXT=" + context : "its current context";
    }
}
