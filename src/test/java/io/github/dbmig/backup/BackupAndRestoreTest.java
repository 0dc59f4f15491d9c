package io.github.dbmig.backup;

import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.config.BackupOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.tables.Provenance;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backups and restores with pg_dump, pg_restore and psql for real, against the Testcontainers server: every format,
 * retention, the room and checksum checks, full verification, a password never on a command line, and a restore that
 * fails half-way or would replace a protected or busy database.
 */
class BackupAndRestoreTest {

    /** Two schemas with data, a function, an enum, a view, a sequence and a large object. */
    private static final String CONTENT = """
            CREATE SCHEMA prod; CREATE SCHEMA work;
            CREATE TYPE prod.mood AS ENUM ('happy', 'sad');
            CREATE TABLE prod.people (id int PRIMARY KEY, name text, mood prod.mood, doc oid);
            CREATE TABLE work.notes (id serial PRIMARY KEY, body text);
            CREATE FUNCTION prod.shout(t text) RETURNS text LANGUAGE sql AS $$ SELECT upper(t) || '!' $$;
            CREATE VIEW prod.happy AS SELECT name FROM prod.people WHERE mood = 'happy';
            INSERT INTO prod.people SELECT g, 'person ' || g, CASE WHEN g % 2 = 0 THEN 'happy' ELSE 'sad'
              END::prod.mood, NULL
              FROM generate_series(1, 2000) g;
            UPDATE prod.people SET doc = lo_from_bytea(0, convert_to('a large object', 'UTF8')) WHERE id = 1;
            INSERT INTO work.notes (body) SELECT md5(g::text) FROM generate_series(1, 500) g;
            """;

    /** The changelog the backups are said to hold, as the caller read it. */
    private static final List<BackupManifest.Applied> CHANGELOG =
            List.of(new BackupManifest.Applied("7", "ab".repeat(32)), new BackupManifest.Applied("42", null));

    @TempDir
    Path tmp;

    private TestDatabase db;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Log log = new Log() {
        @Override
        public void info(String message) {
            logged.add(message);
        }

        @Override
        public void warn(String message) {
            logged.add("WARN " + message);
        }

        @Override
        public void debug(String message) {}
    };

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        assumeTrue(
                TestPostgres.hostPgDumpFits(),
                "this machine has no pg_dump for PostgreSQL " + TestPostgres.serverMajor());
        db = TestPostgres.freshDatabase(
                "backup_" + test.getTestMethod().orElseThrow().getName());
        db.execute(CONTENT);
    }

    private final ProcessRunner runner = new SystemProcessRunner();

    /** The test database as {@code <database> prod}, with these backup settings. */
    private Database settings(
            BackupFormat format, List<String> schemas, Integer keep, boolean full, double ratio, Path dir) {
        return db.builder()
                .id("prod")
                .scripts(tmp)
                .backup(new BackupOptions(dir, format.name(), null, 2, schemas, keep, true, ratio, null), null)
                .backupRun(dir, null, full)
                .build(db.credentials());
    }

    private Database settings(BackupFormat format) {
        return settings(format, List.of(), null, false, 1.0, tmp.resolve("backups"));
    }

    private BackupResult backup(Database database) {
        return backup(database, Clock.systemUTC());
    }

    private BackupResult backup(Database database, Clock clock) {
        return new BackupService(database, new ClientTools(null, runner), runner, log, clock).backup("42", CHANGELOG);
    }

    private RestoreService restorer(Database database) {
        return new RestoreService(database, new ClientTools(null, runner), runner, log, Clock.systemUTC());
    }

    private String restore(Database database, Path backup, String restoreTo) {
        return restoreWith(database, new RestoreRequest(backup, restoreTo, null, false, null), Map.of());
    }

    private String restoreWith(Database database, RestoreRequest request, Map<String, String> protectedNames) {
        RestoreService service = restorer(database);
        return service.restore(service.prepare(request), request, protectedNames);
    }

    /** A fingerprint of the data: row counts and an md5 of every table's contents, plus the large object. */
    private static List<String> contents(TestDatabase database) throws Exception {
        return database.queryStrings("""
                SELECT 'people ' || count(*) || ' ' || md5(string_agg(id || name || mood, ',' ORDER BY id)) FROM
                  prod.people
                UNION ALL SELECT 'notes ' || count(*) || ' ' || md5(string_agg(id || body, ',' ORDER BY id)) FROM
                  work.notes
                UNION ALL SELECT 'shout ' || prod.shout('hi')
                UNION ALL SELECT 'happy ' || count(*) FROM prod.happy
                UNION ALL SELECT 'lo ' || convert_from(lo_get(doc), 'UTF8') FROM prod.people WHERE id = 1
                UNION ALL SELECT 'enum ' || string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum
                """);
    }

    @Test
    void customBackupRestoresTwoSchemasWithEverything() throws Exception {
        Database settings =
                settings(BackupFormat.CUSTOM, List.of("prod", "work"), null, false, 1.0, tmp.resolve("backups"));
        BackupResult result = backup(settings);

        String name = result.path().getFileName().toString();
        assertTrue(name.matches("prod-\\d{8}-\\d{6}-\\d{3}-[0-9a-f]{4}-42\\.dump"), name);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(result.path())));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(result.path().getParent())));
        assertEquals(
                result.manifest().sha256() + "  " + name + "\n",
                Files.readString(BackupCatalog.checksumFile(result.path())));
        BackupManifest manifest = BackupManifest.read(BackupCatalog.manifestFor(result.path()));
        assertEquals(result.manifest(), manifest);
        assertEquals(db.name(), manifest.databaseName());
        assertEquals(List.of("prod", "work"), manifest.schemas());
        assertEquals(CHANGELOG, manifest.changelog());
        assertTrue(manifest.verified());

        String restored = restore(settings, result.path(), db.name() + "_copy");
        assertEquals(contents(db), contents(other(restored)));
    }

    @Test
    void plainAndDirectoryFormatsRoundTrip() throws Exception {
        for (BackupFormat format : List.of(BackupFormat.PLAIN, BackupFormat.DIRECTORY)) {
            Database settings = settings(format);
            BackupResult result = backup(settings);
            assertTrue(result.path().getFileName().toString().endsWith("." + format.extension()));
            if (format == BackupFormat.PLAIN) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(result.path()))) {
                    assertTrue(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("CREATE TABLE prod.people"));
                }
            } else {
                assertTrue(Files.isDirectory(result.path()));
            }
            String restored = restore(
                    settings, result.path(), db.name() + "_" + format.name().toLowerCase());
            assertEquals(contents(db), contents(other(restored)));
        }
    }

    @Test
    void fullVerificationRestoresIntoAScratchDatabase() throws Exception {
        BackupResult result = backup(settings(BackupFormat.CUSTOM, List.of(), null, true, 1.0, tmp.resolve("backups")));
        assertTrue(result.manifest().verified());
        assertTrue(
                logged.contains(
                        "Full verification of the backup of prod: restored into a scratch database, 2 table(s) and"
                                + " 2501 row(s) and large object(s) match the source."),
                logged.toString());
        assertEquals(
                List.of(),
                db.queryStrings("SELECT datname FROM pg_database WHERE datname LIKE 'verify\\_prod\\_dbmig\\_%'"));
    }

    @Test
    void retentionKeepsTheNewestOfThisDatabaseOnly() throws Exception {
        Path dir = tmp.resolve("backups");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("other-20200101-000000-1.dump"), "another database's backup");
        List<Path> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Clock at = Clock.fixed(Instant.parse("2026-01-0" + (i + 1) + "T00:00:00Z"), ZoneOffset.UTC);
            taken.add(backup(settings(BackupFormat.CUSTOM, List.of(), 2, false, 1.0, dir), at)
                    .path());
        }
        assertFalse(Files.exists(taken.get(0)));
        assertFalse(Files.exists(BackupCatalog.manifestFor(taken.get(0))));
        assertTrue(Files.exists(taken.get(1)) && Files.exists(taken.get(2)));
        assertTrue(Files.exists(dir.resolve("other-20200101-000000-1.dump")));
        assertEquals(
                taken.get(2),
                BackupManifest.read(BackupCatalog.latestVerified(dir, "prod").orElseThrow())
                        .backupPath(BackupCatalog.latestVerified(dir, "prod").orElseThrow()));
    }

    @Test
    void notEnoughRoomIsSaidWithBothNumbersBeforeAnythingIsWritten() {
        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> backup(settings(BackupFormat.CUSTOM, List.of(), null, false, 1e9, tmp.resolve("backups"))));
        assertTrue(e.getMessage().contains("free, and dbmig wants"), e.getMessage());
        assertTrue(e.getMessage().contains("database size"), e.getMessage());
    }

    @Test
    void unusableDirectoryIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        SetupException e = assertThrows(
                SetupException.class,
                () -> backup(settings(BackupFormat.CUSTOM, List.of(), null, false, 1.0, file.resolve("backups"))));
        assertTrue(e.getMessage().contains("cannot be used"), e.getMessage());
    }

    @Test
    void diskFullFailsWithPgDumpsMessageAndLeavesNothing() throws Exception {
        Path small = tmp.resolve("small");
        Files.createDirectories(small);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString())
                .redirectErrorStream(true)
                .start();
        assumeTrue(
                mount.waitFor() == 0,
                "cannot mount a tmpfs here: "
                        + new String(mount.getInputStream().readAllBytes()));
        try {
            db.execute("CREATE TABLE prod.bulk AS SELECT g, md5(g::text) || md5((g * 7)::text) AS noise FROM"
                    + " generate_series(1, 50000) g");
            MigrationFailedException e = assertThrows(
                    MigrationFailedException.class,
                    () -> backup(settings(BackupFormat.CUSTOM, List.of(), null, false, 0.0, small)));
            assertEquals("Backup of database prod failed: No space left on device. Nothing was kept.", e.getMessage());
            try (Stream<Path> left = Files.list(small)) {
                assertEquals(List.of(), left.toList(), "a failed dump leaves nothing behind");
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    @Test
    void passwordNeverAppearsOnAProcessCommandLine() throws Exception {
        db.execute("CREATE TABLE prod.bulk AS SELECT g, md5(g::text) AS noise FROM generate_series(1, 200000) g");
        AtomicBoolean sawPgDump = new AtomicBoolean();
        AtomicBoolean sawPassword = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                    for (Path proc : procs.filter(
                                    p -> p.getFileName().toString().matches("\\d+"))
                            .toList()) {
                        try {
                            String cmdline =
                                    new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                            if (cmdline.contains("pg_dump")) {
                                sawPgDump.set(true);
                            }
                            if (cmdline.contains(db.password())) {
                                sawPassword.set(true);
                            }
                        } catch (IOException ignored) {
                            // the process ended meanwhile
                        }
                    }
                } catch (IOException ignored) {
                    // try again
                }
            }
        });
        watcher.start();
        try {
            backup(settings(BackupFormat.CUSTOM));
        } finally {
            done.set(true);
            watcher.join();
        }
        assertTrue(sawPgDump.get(), "the watcher saw pg_dump running");
        assertFalse(sawPassword.get(), "no command line held the password");
    }

    @Test
    void pgDumpGetsItsConnectionAndPasswordThroughItsEnvironmentOnly() {
        List<ProcessRunner.Command> commands = new ArrayList<>();
        ProcessRunner recording = command -> {
            commands.add(command);
            return runner.run(command);
        };
        Database database =
                settings(BackupFormat.CUSTOM, List.of("prod", "work"), null, false, 1.0, tmp.resolve("backups"));
        ClientTools tools = new ClientTools(null, runner);
        BackupResult result =
                new BackupService(database, tools, recording, log, Clock.systemUTC()).backup("42", CHANGELOG);

        Map<String, String> environment = Map.of(
                "PGHOST",
                database.url().host(),
                "PGPORT",
                database.url().port(),
                "PGDATABASE",
                db.name(),
                "PGUSER",
                db.username(),
                "PGPASSWORD",
                db.password(),
                "PGAPPNAME",
                "dbmig",
                "PGCONNECT_TIMEOUT",
                "10");
        Path partial = tmp.resolve("backups")
                .resolve("." + result.path().getFileName() + "."
                        + ProcessHandle.current().pid() + ".partial")
                .resolve(result.path().getFileName());
        assertEquals(
                List.of(
                        List.of(
                                tools.find("pg_dump", TestPostgres.serverMajor())
                                        .path()
                                        .toString(),
                                "--format=c",
                                "--no-password",
                                "--compress=1",
                                "--schema=prod",
                                "--schema=work",
                                "--blobs"),
                        List.of(
                                tools.find("pg_restore", TestPostgres.serverMajor())
                                        .path()
                                        .toString(),
                                "--list",
                                partial.toString())),
                commands.stream().map(ProcessRunner.Command::argv).toList());
        assertEquals(
                List.of(environment, environment),
                commands.stream().map(ProcessRunner.Command::environment).toList());
    }

    @Test
    void corruptedBackupIsRefusedByChecksum() throws Exception {
        Database settings = settings(BackupFormat.CUSTOM);
        BackupResult result = backup(settings);
        byte[] bytes = Files.readAllBytes(result.path());
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(result.path(), bytes);
        MigrationFailedException e = assertThrows(
                MigrationFailedException.class, () -> restore(settings, result.path(), db.name() + "_bad"));
        assertTrue(e.getMessage().contains("the file is damaged or was changed"), e.getMessage());
        assertEquals(
                List.of(0L),
                db.queryLongs("SELECT count(*) FROM pg_database WHERE datname LIKE '" + db.name() + "_bad%'"));
    }

    @Test
    void restoreFailingHalfWayLeavesNoDatabaseBehind() throws Exception {
        Database settings = settings(BackupFormat.PLAIN);
        BackupResult result = backup(settings);
        String sql;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(result.path()))) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // an intact backup whose SQL fails part-way: checksums made anew so that only the restore can fail
        int middle = sql.indexOf("CREATE VIEW");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write((sql.substring(0, middle) + "SELECT 1/0;\n" + sql.substring(middle))
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.write(result.path(), gz.toByteArray());
        BackupManifest m = result.manifest();
        String sha = FileChecksums.of(result.path());
        new BackupManifest(
                        m.databaseId(),
                        m.databaseName(),
                        m.owner(),
                        m.serverVersion(),
                        m.pgDumpVersion(),
                        m.schemaVersion(),
                        m.schemas(),
                        m.format(),
                        m.file(),
                        Files.size(result.path()),
                        m.durationMillis(),
                        sha,
                        m.createdAt(),
                        true,
                        m.changelog())
                .write(BackupCatalog.manifestFor(result.path()));

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class, () -> restore(settings, result.path(), db.name() + "_half"));
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing is left behind"), e.getMessage());
        assertEquals(
                List.of(0L),
                db.queryLongs("SELECT count(*) FROM pg_database WHERE datname LIKE '" + db.name() + "_half%'"));
    }

    @Test
    void existingAndProtectedDatabasesAreNotReplacedWithoutBeingAsked() throws Exception {
        Database settings = settings(BackupFormat.CUSTOM);
        Path backup = backup(settings).path();
        String target = db.name() + "_live";
        restore(settings, backup, target);
        MigrationFailedException exists = assertThrows(
                MigrationFailedException.class,
                () -> restoreWith(settings, new RestoreRequest(backup, target, null, false, null), Map.of()));
        assertTrue(exists.getMessage().contains("-Ddbmig.replace=true"), exists.getMessage());
        MigrationFailedException guarded = assertThrows(
                MigrationFailedException.class,
                () -> restoreWith(
                        settings, new RestoreRequest(backup, target, null, true, "wrong"), Map.of(target, "live")));
        assertTrue(guarded.getMessage().contains("-Ddbmig.confirm=live"), guarded.getMessage());

        other(target).execute("CREATE TABLE marker (id int)");
        restoreWith(settings, new RestoreRequest(backup, target, null, true, "live"), Map.of(target, "live"));
        assertFalse(other(target).tableExists("marker"), "replaced by the backup's content");
        assertEquals(contents(db), contents(other(target)));
    }

    @Test
    void latestVerifiedBackupIsFoundByDatabaseId() throws Exception {
        Database settings = settings(BackupFormat.CUSTOM);
        backup(settings);
        String restored = restore(settings, null, null);
        assertTrue(restored.matches(".*_restored_\\d{8}_\\d{6}") && restored.length() <= 63, restored);
        assertEquals(contents(db), contents(other(restored)));
    }

    @Test
    void backupsStartedInTheSameMillisecondGetNamesOfTheirOwn() throws Exception {
        Clock frozen = Clock.fixed(Instant.parse("2026-12-02T15:53:08.123Z"), ZoneOffset.UTC);
        Database database = settings(BackupFormat.CUSTOM);
        List<Path> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(backup(database, frozen).path());
        }
        assertEquals(3, taken.stream().distinct().count(), taken.toString());
        for (Path path : taken) {
            assertTrue(
                    path.getFileName().toString().matches("prod-20261202-155308-123-[0-9a-f]{4}-42\\.dump"),
                    path.toString());
            assertEquals(
                    path.getFileName().toString(),
                    BackupManifest.read(BackupCatalog.manifestFor(path)).file());
        }
    }

    @Test
    void replacingAManagedDatabaseWaitsForTheRunInProgressThere() throws Exception {
        Path backup = backup(settings(BackupFormat.CUSTOM)).path();
        String target = db.name() + "_busy";
        restore(settings(BackupFormat.CUSTOM), backup, target);
        TestDatabase busy = other(target);
        busy.execute("CREATE TABLE marker (id int)");
        Database managed = new DatabaseBuilder("<database> busy")
                .id("busy")
                .url(busy.url())
                .scripts(tmp)
                .build(db.credentials());
        RunContext context = new RunContext(
                new Provenance("test", null, null, null, null),
                Duration.ofSeconds(1),
                true,
                tmp.resolve("out"),
                Clock.systemUTC(),
                runner,
                log);
        try (Connection upgrade = busy.connect();
                Statement s = upgrade.createStatement()) {
            // an upgrade running there
            s.execute("SELECT pg_advisory_lock(" + 0x64626d67 + ", " + crc("public.changelog") + ")");

            MigrationFailedException e = assertThrows(
                    MigrationFailedException.class,
                    () -> new DatabaseOperations(settings(BackupFormat.CUSTOM), context)
                            .restore(new RestoreRequest(backup, target, null, true, null), List.of(managed)));

            assertTrue(
                    e.getMessage()
                            .startsWith("Database busy: another dbmig run held the lock on public.changelog for longer"
                                    + " than dbmig.lockWait (PT1S); holder: pid "),
                    e.getMessage());
        }
        assertTrue(busy.tableExists("marker"), "the database in use was not replaced");
    }

    private static int crc(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private TestDatabase other(String name) {
        return TestPostgres.existingDatabase(name);
    }
}
