package io.github.dbmig.backup;

import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.config.BackupSettings;
import io.github.dbmig.config.Database;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

/**
 * Takes a backup with pg_dump, proves it readable, and keeps the directory tidy. Checks come first (the database
 * answers, the directory is writable, there is room), the dump goes to a private {@code .partial} directory and
 * appears under its own, unique name only once complete and verified, never replacing another file.
 */
public final class BackupService {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final long PROGRESS_INTERVAL_MILLIS = 5000;
    /**
     * zlib level 1, not pg_dump's 6: a dump is bound by compression on one core, and on measured data level 1 took
     * 41% of the time for a file 2% larger (bench/backup.sh). {@code <compression>} chooses otherwise.
     */
    static final int DEFAULT_COMPRESSION = 1;

    private final Database database;
    private final BackupSettings settings;
    private final ClientTools tools;
    private final ProcessRunner runner;
    private final Log log;
    private final Clock clock;

    public BackupService(Database database, ClientTools tools, ProcessRunner runner, Log log, Clock clock) {
        this.database = database;
        this.settings = database.backup();
        this.tools = tools;
        this.runner = runner;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param schemaVersion the newest applied script id, for the name and manifest; null when none
     * @param changelog     the changelog as the database holds it (under dbmig's lock, for a backup before a change),
     *                      oldest first, for the manifest: what a rehearsal compares with the database later
     */
    public BackupResult backup(String schemaVersion, List<BackupManifest.Applied> changelog) {
        String databaseId = database.id();
        ServerFacts server = ServerFacts.read(database, settings.schemas());
        Path directory = prepareDirectory(server);
        PgTool pgDump = tools.find("pg_dump", server.major());
        String name = fileName(schemaVersion);
        Path finalPath = directory.resolve(name);
        Path partialDir =
                directory.resolve("." + name + "." + ProcessHandle.current().pid() + ".partial");
        long started = System.nanoTime();
        ClientEnvironment env = ClientEnvironment.of(database);
        try {
            Files.createDirectory(
                    partialDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path partial = partialDir.resolve(name);
            String sha256 = dump(pgDump, env, partial);
            long millis = (System.nanoTime() - started) / 1_000_000;
            verify(partial, env, server);
            if (sha256 == null) {
                sha256 = FileChecksums.of(partial);
            }
            Restrictions.ownerOnly(partial);
            publish(partial, finalPath);
            BackupManifest manifest = new BackupManifest(
                    databaseId,
                    server.databaseName(),
                    server.owner(),
                    server.version(),
                    pgDump.major(),
                    schemaVersion,
                    settings.schemas(),
                    settings.format(),
                    name,
                    FileChecksums.size(finalPath),
                    millis,
                    sha256,
                    clock.instant(),
                    true,
                    List.copyOf(changelog));
            Path manifestPath = BackupCatalog.manifestFor(finalPath);
            Restrictions.writeOwnerOnly(manifestPath, manifest.toJson());
            Restrictions.writeOwnerOnly(BackupCatalog.checksumFile(finalPath), sha256 + "  " + name + "\n");
            log.info("Backup of " + databaseId + " written to " + finalPath + " ("
                    + Progress.human(manifest.sizeBytes()) + " in " + millis + " ms, " + pgDump + ", verified).");
            if (settings.keep() != null) {
                BackupCatalog.retain(directory, databaseId, settings.keep(), log);
            }
            return new BackupResult(finalPath, manifest);
        } catch (IOException e) {
            throw new MigrationFailedException(
                    "Backup of database " + databaseId + " failed: " + e.getMessage() + ". Nothing was kept.", e);
        } finally {
            try {
                BackupCatalog.deleteRecursively(partialDir);
            } catch (IOException ignored) {
                // the next backup removes stale partial directories
            }
        }
    }

    /** {@code <id>-<yyyyMMdd-HHmmss-SSS>-<random>-<version>.<ext>}: two backups started at once never share a name. */
    private String fileName(String schemaVersion) {
        return database.fileName() + "-" + STAMP.format(clock.instant()) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()) + "-"
                + (schemaVersion == null ? "0" : schemaVersion) + "."
                + settings.format().extension();
    }

    /** Moves the finished backup into place, never over an existing file (a hard link fails where one exists). */
    private static void publish(Path partial, Path target) throws IOException {
        if (Files.isDirectory(partial)) {
            Files.move(partial, target); // without REPLACE_EXISTING: fails if the name is taken
            return;
        }
        try {
            Files.createLink(target, partial);
            Files.delete(partial);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a file named " + target + " already exists; it was left as it is", e);
        } catch (UnsupportedOperationException e) {
            Files.move(partial, target);
        }
    }

    /** Runs pg_dump; returns the SHA-256 when the dump was streamed through this JVM, else null. */
    private String dump(PgTool pgDump, ClientEnvironment env, Path partial) throws IOException {
        List<String> command =
                new ArrayList<>(List.of("--format=" + settings.format().flag(), "--no-password"));
        command.add("--compress=" + (settings.compression() != null ? settings.compression() : DEFAULT_COMPRESSION));
        settings.schemas().forEach(schema -> command.add("--schema=" + schema));
        if (!settings.schemas().isEmpty()) {
            command.add("--blobs"); // large objects belong to no schema: --schema alone would leave them out
        }
        Progress progress = new Progress("pg_dump of " + database.id(), log, PROGRESS_INTERVAL_MILLIS);
        ProcessRunner.Result result;
        String sha256 = null;
        if (settings.format() == BackupFormat.DIRECTORY || pgDump.inContainer() && pgDump.seesFiles()) {
            // a container's standard output is slow (36 MB/s here): one of a local engine writes the file itself
            command.addAll(
                    settings.format() == BackupFormat.DIRECTORY ? List.of("--jobs=" + settings.jobs()) : List.of());
            command.add("--file=" + (pgDump.inContainer() ? partial.toAbsolutePath() : partial));
            result = runner.run(pgDump.command(
                    command,
                    env,
                    List.of(partial.toAbsolutePath().getParent()),
                    null,
                    null,
                    progress,
                    () -> FileChecksums.sizeOrZero(partial)));
        } else {
            try (OutputStream file = Files.newOutputStream(partial);
                    Sha256.DigestingOutput out = new Sha256.DigestingOutput(new BufferedOutputStream(file, 1 << 16))) {
                result = runner.run(pgDump.command(command, env, List.of(), out, null, progress, out::count));
                out.flush();
                sha256 = out.hex();
            }
        }
        if (!result.ok()) {
            throw new IOException("pg_dump said: " + result.message());
        }
        return sha256;
    }

    /**
     * pg_restore --list reads a custom or directory backup's whole table of contents; a plain one is read to the end.
     */
    private void verify(Path backup, ClientEnvironment env, ServerFacts server) throws IOException {
        if (settings.format() == BackupFormat.PLAIN) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(backup), 1 << 16)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        } else {
            PgTool pgRestore = tools.find("pg_restore", server.major());
            ProcessRunner.Result list = Restorer.reading(
                    pgRestore, List.of("--list"), backup, env, runner, OutputStream.nullOutputStream());
            if (!list.ok()) {
                throw new IOException("the new backup does not read back: pg_restore --list said: " + list.message());
            }
        }
        if (settings.fullVerify()) {
            new FullVerification(database, tools, runner, log).run(backup, server.major());
        }
    }

    private Path prepareDirectory(ServerFacts server) {
        Path directory = settings.directory();
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path probe = Files.createTempFile(directory, ".dbmig-write-check", ".tmp");
            Files.delete(probe);
            BackupCatalog.removeStalePartials(directory);
        } catch (AccessDeniedException e) {
            throw new SetupException("Backup directory " + directory + " is not writable; nothing was done.");
        } catch (IOException e) {
            throw new SetupException(
                    "Backup directory " + directory + " cannot be used: " + e.getMessage() + "; nothing was done.");
        }
        long free;
        try {
            free = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new SetupException("Cannot tell the free space in " + directory + ": " + e.getMessage());
        }
        long needed = (long) (server.sizeBytes() * settings.freeSpaceRatio());
        if (free < needed) {
            throw new MigrationFailedException("Not enough room to back up database " + database.id() + ": " + directory
                    + " has "
                    + Progress.human(free) + " free, and dbmig wants " + Progress.human(needed) + " (database size "
                    + Progress.human(server.sizeBytes()) + " x " + settings.freeSpaceRatio()
                    + "). Free some space, choose"
                    + " another <directory>, or lower <freeSpaceRatio>; nothing was done.");
        }
        return directory;
    }
}
