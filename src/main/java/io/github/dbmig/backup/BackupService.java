package io.github.dbmig.backup;

import io.github.dbmig.connect.ConnectionTarget;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.engine.MigrationLog;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Takes a backup with pg_dump, proves it readable, and keeps the directory tidy. Checks come first (the database
 * answers, the directory is writable, there is room), the dump goes to a private {@code .partial} directory and
 * appears under its real name only once complete and verified, and the password reaches pg_dump through a private
 * password file, never its command line.
 */
public final class BackupService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final long PROGRESS_INTERVAL_MILLIS = 5000;
    /**
     * zlib level 1, not pg_dump's 6: a dump is bound by compression on one core, and on measured data level 1 took
     * 41% of the time for a file 2% larger (bench/backup.sh). {@code <compression>} chooses otherwise.
     */
    static final int DEFAULT_COMPRESSION = 1;

    private final BackupSettings settings;
    private final MigrationLog log;
    private final Clock clock;

    public BackupService(BackupSettings settings, MigrationLog log, Clock clock) {
        this.settings = settings;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param databaseId    the pom's id, which names the files
     * @param target        where and as whom to connect
     * @param schemaVersion the newest applied script id, for the name and manifest; null when none
     */
    public BackupResult backup(String databaseId, ConnectionTarget target, String schemaVersion) {
        ServerFacts server = ServerFacts.read(databaseId, target, settings.schemas());
        Path directory = prepareDirectory(databaseId, server);
        PgTool pgDump = PgTool.find("pg_dump", server.major(), settings.pgBinDir());
        String name = databaseId + "-" + STAMP.format(clock.instant()) + "-" + (schemaVersion == null ? "0" : schemaVersion)
                + "." + settings.format().extension();
        Path finalPath = directory.resolve(name);
        Path partialDir = directory.resolve("." + name + "." + ProcessHandle.current().pid() + ".partial");
        long started = System.nanoTime();
        try (ClientEnvironment env = ClientEnvironment.of(target, null)) {
            Files.createDirectory(partialDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path partial = partialDir.resolve(name);
            String sha256 = dump(databaseId, pgDump, env, partial);
            long millis = (System.nanoTime() - started) / 1_000_000;
            verify(databaseId, target, partial, env, server);
            if (sha256 == null) {
                sha256 = FileChecksums.of(partial);
            }
            restrict(partial);
            Files.move(partial, finalPath, StandardCopyOption.ATOMIC_MOVE);
            BackupManifest manifest = new BackupManifest(databaseId, server.databaseName(), server.owner(), server.version(),
                    pgDump.major(), schemaVersion, settings.schemas(), settings.format(), name, FileChecksums.size(finalPath),
                    millis, sha256, clock.instant(), true);
            Path manifestPath = BackupCatalog.manifestFor(finalPath);
            manifest.write(manifestPath);
            Files.writeString(BackupCatalog.checksumFile(finalPath), sha256 + "  " + name + "\n");
            restrict(manifestPath);
            restrict(BackupCatalog.checksumFile(finalPath));
            log.info("Backup of " + databaseId + " written to " + finalPath + " (" + Progress.human(manifest.sizeBytes()) + " in "
                    + millis + " ms, pg_dump " + pgDump.major() + ", verified).");
            if (settings.keep() != null) {
                BackupCatalog.retain(directory, databaseId, settings.keep(), log::info);
            }
            return new BackupResult(finalPath, manifest);
        } catch (IOException e) {
            throw new MigrationFailedException("Backup of database " + databaseId + " failed: " + e.getMessage()
                    + ". Nothing was kept.", e);
        } finally {
            try {
                BackupCatalog.deleteRecursively(partialDir);
            } catch (IOException ignored) {
                // the next backup removes stale partial directories
            }
        }
    }

    /** Runs pg_dump; returns the SHA-256 when the dump was streamed through this JVM, else null. */
    private String dump(String databaseId, PgTool pgDump, ClientEnvironment env, Path partial) throws IOException {
        List<String> command = new ArrayList<>(List.of(pgDump.path().toString(), "--format=" + settings.format().flag(),
                "--no-password"));
        command.add("--compress=" + (settings.compression() != null ? settings.compression() : DEFAULT_COMPRESSION));
        settings.schemas().forEach(schema -> command.add("--schema=" + schema));
        if (!settings.schemas().isEmpty()) {
            command.add("--blobs"); // large objects belong to no schema: --schema alone would leave them out
        }
        Progress progress = new Progress("pg_dump of " + databaseId, log::info, PROGRESS_INTERVAL_MILLIS);
        ExternalProcess.Result result;
        String sha256 = null;
        if (settings.format() == BackupFormat.DIRECTORY) {
            command.add("--jobs=" + settings.jobs());
            command.add("--file=" + partial);
            result = ExternalProcess.run(command, env, null, null, progress, () -> sizeQuietly(partial));
        } else {
            try (OutputStream file = Files.newOutputStream(partial);
                 FileChecksums.DigestingOutput out = new FileChecksums.DigestingOutput(new java.io.BufferedOutputStream(file, 1 << 16))) {
                result = ExternalProcess.run(command, env, out, null, progress, out::count);
                out.flush();
                sha256 = out.hex();
            }
        }
        if (!result.ok()) {
            throw new IOException("pg_dump said: " + result.message());
        }
        return sha256;
    }

    /** pg_restore --list reads a custom or directory backup's whole table of contents; a plain one is read to the end. */
    private void verify(String databaseId, ConnectionTarget target, Path backup, ClientEnvironment env, ServerFacts server)
            throws IOException {
        if (settings.format() == BackupFormat.PLAIN) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(backup), 1 << 16)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        } else {
            PgTool pgRestore = PgTool.find("pg_restore", server.major(), settings.pgBinDir());
            ExternalProcess.Result list = ExternalProcess.run(List.of(pgRestore.path().toString(), "--list", backup.toString()),
                    env, OutputStream.nullOutputStream(), null, null, null);
            if (!list.ok()) {
                throw new IOException("the new backup does not read back: pg_restore --list said: " + list.message());
            }
        }
        if (settings.fullVerify()) {
            new FullVerification(settings, log).run(databaseId, target, backup, env, server);
        }
    }

    private Path prepareDirectory(String databaseId, ServerFacts server) {
        Path directory = settings.directory();
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path probe = Files.createTempFile(directory, ".dbmig-write-check", ".tmp");
            Files.delete(probe);
            removeStalePartials(directory);
        } catch (AccessDeniedException e) {
            throw new SetupException("Backup directory " + directory + " is not writable; nothing was done.");
        } catch (IOException e) {
            throw new SetupException("Backup directory " + directory + " cannot be used: " + e.getMessage() + "; nothing was done.");
        }
        long free;
        try {
            free = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new SetupException("Cannot tell the free space in " + directory + ": " + e.getMessage());
        }
        long needed = (long) (server.sizeBytes() * settings.freeSpaceRatio());
        if (free < needed) {
            throw new MigrationFailedException("Not enough room to back up database " + databaseId + ": " + directory + " has "
                    + Progress.human(free) + " free, and dbmig wants " + Progress.human(needed) + " (database size "
                    + Progress.human(server.sizeBytes()) + " x " + settings.freeSpaceRatio() + "). Free some space, choose"
                    + " another <directory>, or lower <freeSpaceRatio>; nothing was done.");
        }
        return directory;
    }

    /** Partial dumps of runs that died (their process is gone) are removed; those of a running dump are left alone. */
    private static void removeStalePartials(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                String[] parts = p.getFileName().toString().split("\\.");
                long pid = parts.length > 2 ? parsePid(parts[parts.length - 2]) : -1;
                if (pid <= 0 || ProcessHandle.of(pid).isEmpty()) {
                    BackupCatalog.deleteRecursively(p);
                }
            }
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void restrict(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            try (var files = Files.list(path)) {
                for (Path file : files.toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static long sizeQuietly(Path backup) {
        try {
            return FileChecksums.size(backup);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * What the backup needs to know of the server, read over JDBC before anything is written.
     *
     * @param major        server major version
     * @param version      server version text
     * @param databaseName the database's name
     * @param owner        its owner
     * @param sizeBytes    its size
     */
    record ServerFacts(int major, String version, String databaseName, String owner, long sizeBytes) {

        static ServerFacts read(String databaseId, ConnectionTarget target, List<String> schemas) {
            try (Connection c = PgConnector.open(databaseId, target);
                 PreparedStatement q = c.prepareStatement("SELECT current_setting('server_version_num')::int / 10000,"
                         + " current_setting('server_version'), current_database(), pg_get_userbyid(d.datdba),"
                         + " pg_database_size(current_database()) FROM pg_database d WHERE d.datname = current_database()");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                ServerFacts facts = new ServerFacts(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
                checkSchemas(c, databaseId, schemas);
                return facts;
            } catch (SQLException e) {
                throw new SetupException("Database " + databaseId + " does not answer: " + e.getMessage(), e);
            }
        }

        private static void checkSchemas(Connection c, String databaseId, List<String> schemas) throws SQLException {
            if (schemas.isEmpty()) {
                return;
            }
            List<String> missing = new ArrayList<>(schemas);
            try (PreparedStatement q = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname = ANY(?)")) {
                Array array = c.createArrayOf("text", schemas.toArray());
                q.setArray(1, array);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        missing.remove(rs.getString(1));
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new SetupException("<backup><schemas> names schema(s) that database " + databaseId + " does not have: "
                        + String.join(", ", missing) + ".");
            }
        }
    }
}
