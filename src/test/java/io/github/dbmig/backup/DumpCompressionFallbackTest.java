package io.github.dbmig.backup;

import io.github.dbmig.config.BackupOptions;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.container.DockerCli;
import io.github.dbmig.container.ImageReference;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A pg_dump 16 or newer dumps with zstd, else lz4, else zlib, as its build allows, against the real test server. A
 * build without zstd or lz4 is a stand-in: a script that answers {@code --version} as pg_dump 16 would, refuses the
 * methods it lacks with pg_dump's own words, and hands everything else to this machine's pg_dump; a stand-in
 * pg_restore 16 likewise. The real thing is pg_dump 17 of the test image, built with both.
 */
class DumpCompressionFallbackTest {

    private static final String CONTENT = """
            CREATE TABLE people (id int PRIMARY KEY, name text);
            INSERT INTO people SELECT g, 'person ' || g FROM generate_series(1, 1000) g;
            """;
    private static final String PEOPLE = "SELECT count(*) || ' ' || md5(string_agg(name, ',' ORDER BY id)) FROM people";

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
    void setUp(TestInfo test) throws Exception {
        db = TestPostgres.freshDatabase(
                "compression_" + test.getTestMethod().orElseThrow().getName());
        db.execute(CONTENT);
    }

    private Database database() {
        Path dir = tmp.resolve("backups");
        return db.builder()
                .id("prod")
                .scripts(tmp)
                .backup(new BackupOptions(dir, "custom", null, 2, List.of(), null, true, 1.0, null), null)
                .backupRun(dir, null, false)
                .build(db.credentials());
    }

    private static Path real(String program) {
        return new ClientTools(null, new SystemProcessRunner())
                .find(program, TestPostgres.serverMajor())
                .path();
    }

    /**
     * A pg_dump 16 whose build lacks {@code lacking} ("ZSTD", "LZ4"), in its own directory. This machine's pg_dump
     * (15) knows no lz4: given it, the stand-in writes the archive uncompressed.
     */
    private Path pgDump16Without(String... lacking) throws Exception {
        StringBuilder refusals = new StringBuilder();
        for (String method : lacking) {
            refusals.append("    --compress=")
                    .append(method.toLowerCase())
                    .append("*) echo 'pg_dump: error: invalid compression specification: this build does not")
                    .append(" support compression with ")
                    .append(method)
                    .append("' >&2; exit 1;;\n");
        }
        return script("16/pg_dump", """
                #!/bin/sh
                [ "$1" = --version ] && { echo 'pg_dump (PostgreSQL) 16.4'; exit 0; }
                for arg in "$@"; do
                  shift
                  case "$arg" in
                %s    --compress=lz4) arg=--compress=0;;
                  esac
                  set -- "$@" "$arg"
                done
                exec '%s' "$@"
                """.formatted(refusals, real("pg_dump")));
    }

    /** A pg_restore 16 in front of this machine's, and this machine's own (15), each in a directory of its own. */
    private List<Path> pgRestores() throws Exception {
        Path own = Files.createDirectories(tmp.resolve("15")).resolve("pg_restore");
        Files.createSymbolicLink(own, real("pg_restore"));
        Path v16 = script("16/pg_restore", """
                #!/bin/sh
                [ "$1" = --version ] && { echo 'pg_restore (PostgreSQL) 16.4'; exit 0; }
                exec '%s' "$@"
                """.formatted(real("pg_restore")));
        return List.of(own.getParent(), v16.getParent());
    }

    private Path script(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** The {@code --compress} of every pg_dump run, in order. */
    private List<String> compressions() {
        return commands.stream()
                .flatMap(c -> c.argv().stream())
                .filter(arg -> arg.startsWith("--compress="))
                .toList();
    }

    private String restoredPeople(Database database, ClientTools tools, BackupResult result) throws Exception {
        String copy = db.name() + "_copy";
        RestoreRequest request = new RestoreRequest(result.path(), copy, null, false, null);
        RestoreService restorer = new RestoreService(database, tools, runner, log, Clock.systemUTC());
        restorer.restore(restorer.prepare(request), request, Map.of());
        return String.join("", TestPostgres.existingDatabase(copy).queryStrings(PEOPLE));
    }

    @Test
    void aBuildWithNeitherZstdNorLz4DumpsWithZlibSaysSoAndIsNotAskedAgainInTheRun() throws Exception {
        assumeTrue(TestPostgres.hostPgDumpFits(), "this machine has no pg_dump for the test server");
        assumeTrue(TestPostgres.serverMajor() < 16, "the stand-ins are of PostgreSQL 16");
        Path pgDump = pgDump16Without("ZSTD", "LZ4");
        List<Path> directories = new ArrayList<>(pgRestores());
        directories.add(pgDump.getParent());
        ClientTools tools = ClientTools.in(directories, runner);
        Database database = database();

        BackupResult first = new BackupService(database, tools, runner, log, Clock.systemUTC()).backup("1", List.of());

        assertEquals(List.of("--compress=zstd:1", "--compress=lz4", "--compress=1"), compressions());
        assertEquals("gzip:1", first.manifest().compression());
        assertEquals(16, first.manifest().pgDumpVersion());
        assertEquals(
                "\"compression\": \"gzip:1\"",
                Files.readAllLines(BackupCatalog.manifestFor(first.path())).stream()
                        .map(String::strip)
                        .filter(line -> line.startsWith("\"compression\""))
                        .findFirst()
                        .orElseThrow()
                        .replaceFirst(",$", ""));
        assertTrue(
                log.lines.contains("INFO pg_dump 16 cannot compress with zstd:1 (it said: pg_dump: error: invalid"
                        + " compression specification: this build does not support compression with ZSTD); dumping"
                        + " with lz4 instead."),
                log.toString());
        assertTrue(
                log.lines.contains("INFO pg_dump 16 cannot compress with lz4 (it said: pg_dump: error: invalid"
                        + " compression specification: this build does not support compression with LZ4); dumping"
                        + " with gzip:1 instead."),
                log.toString());
        assertTrue(
                log.lines.stream()
                        .anyMatch(line -> line.startsWith("INFO Backup of prod written to " + first.path() + " (")
                                && line.endsWith(" ms, pg_dump 16, gzip:1, verified).")),
                log.toString());

        commands.clear();
        new BackupService(database, tools, runner, log, Clock.systemUTC()).backup("2", List.of());
        assertEquals(List.of("--compress=1"), compressions(), "the same run remembers what the build lacks");
    }

    @Test
    void aBuildWithoutZstdDumpsWithLz4AndPgRestoreOfTheDumpsVersionReadsItBack() throws Exception {
        assumeTrue(TestPostgres.hostPgDumpFits(), "this machine has no pg_dump for the test server");
        assumeTrue(TestPostgres.serverMajor() < 16, "the stand-ins are of PostgreSQL 16");
        Path pgDump = pgDump16Without("ZSTD");
        List<Path> directories = new ArrayList<>(pgRestores());
        directories.add(pgDump.getParent());
        ClientTools tools = ClientTools.in(directories, runner);
        Database database = database();

        BackupResult result = new BackupService(database, tools, runner, log, Clock.systemUTC()).backup("1", List.of());

        assertEquals(List.of("--compress=zstd:1", "--compress=lz4"), compressions());
        assertEquals("lz4", result.manifest().compression());
        String people = restoredPeople(database, tools, result);
        assertEquals(String.join("", db.queryStrings(PEOPLE)), people);
        List<String> pgRestoresRun = commands.stream()
                .filter(c -> c.program().equals("pg_restore") && !c.argv().contains("--version"))
                .map(c -> c.argv().get(0))
                .distinct()
                .toList();
        assertEquals(
                List.of(tmp.resolve("16/pg_restore").toString()),
                pgRestoresRun,
                "the check after the dump and the restore took a pg_restore of the dump's version, not the server's");
    }

    @Test
    void pgDump17OfTheTestImageDumpsWithZstdHashedWhileVerifiedAndItsPgRestoreReadsItBack() throws Exception {
        String image = TestPostgres.clientImage() + ":17";
        Process inspect = new ProcessBuilder("docker", "image", "inspect", image)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assumeTrue(inspect.waitFor() == 0, "the engine has no " + image);
        assumeTrue(TestPostgres.serverMajor() <= 17, "pg_dump 17 cannot dump a newer server");
        ClientTools tools = ClientTools.in(
                List.of(),
                runner,
                new ClientImages(
                        DockerCli.of("docker", System.getenv()),
                        new ContainerOptions(
                                "docker", ContainerOptions.ClientSource.CONTAINER, ImageReference.parse(image), true),
                        log));
        Database database = database();

        BackupResult result = new BackupService(database, tools, runner, log, Clock.systemUTC()).backup("1", List.of());

        assertEquals(List.of("--compress=zstd:1"), compressions());
        assertEquals("zstd:1", result.manifest().compression());
        assertEquals(17, result.manifest().pgDumpVersion());
        assertEquals(FileChecksums.of(result.path()), result.manifest().sha256(), "the file pg_dump wrote itself");
        assertEquals(String.join("", db.queryStrings(PEOPLE)), restoredPeople(database, tools, result));
    }
}
