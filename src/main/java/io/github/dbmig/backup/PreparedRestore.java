package io.github.dbmig.backup;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A backup chosen to be restored, before anything is done: its manifest read, the backup beside it of the size it
 * had, and the name it is to be restored as checked. Its SHA-256 is checked while it is restored.
 *
 * @param manifestPath the manifest's file
 * @param manifest     what it says of the backup
 * @param backup       the backup's file or directory
 * @param name         the database it is to be restored as
 */
public record PreparedRestore(Path manifestPath, BackupManifest manifest, Path backup, String name) {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    /** Finds the backup and checks what can be checked without the server. */
    static PreparedRestore of(Database database, RestoreRequest request, Clock clock) {
        Path manifestPath = manifestOf(database, request.backup());
        BackupManifest manifest = BackupManifest.read(manifestPath);
        Path backup = manifest.backupPath(manifestPath);
        checkSize(backup, manifest);
        String name = request.restoreTo() != null ? request.restoreTo() : defaultName(manifest.databaseName(), clock);
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new SetupException("-Ddbmig.restoreTo=" + name
                    + " is not a plain database name (lower-case letters, digits and '_', at most 63).");
        }
        return new PreparedRestore(manifestPath, manifest, backup, name);
    }

    /** {@code <name>_restored_<timestamp>}, the name cut so that the whole stays within PostgreSQL's 63 bytes. */
    private static String defaultName(String databaseName, Clock clock) {
        String suffix = "_restored_" + STAMP.format(clock.instant());
        String base = databaseName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
    }

    private static Path manifestOf(Database database, Path backup) {
        if (backup == null) {
            return BackupCatalog.latestVerified(database.backup().directory(), database.id())
                    .orElseThrow(() -> new SetupException("No verified backup of database " + database.id() + " in "
                            + database.backup().directory()
                            + "; take one with dbmig:backup, or name a file with -Ddbmig.backup=…"));
        }
        Path manifest = backup.getFileName().toString().endsWith(BackupManifest.SUFFIX)
                ? backup
                : BackupCatalog.manifestFor(backup);
        if (!Files.isRegularFile(manifest)) {
            throw new SetupException("-Ddbmig.backup=" + backup + ": no manifest " + manifest.getFileName()
                    + " beside it, so its checksum and format are unknown; dbmig restores only backups it took.");
        }
        return manifest;
    }

    /** The quick check before anything is done: the backup is there and has the size it had. */
    private static void checkSize(Path backup, BackupManifest manifest) {
        try {
            if (!Files.exists(backup)) {
                throw new SetupException("The backup " + backup + " named by its manifest is missing.");
            }
            long size = FileChecksums.size(backup);
            if (size != manifest.sizeBytes()) {
                throw new MigrationFailedException(
                        "Refusing to restore " + backup + ": it has " + size + " bytes but had " + manifest.sizeBytes()
                                + " when it was taken; the file is damaged or was changed. Nothing was done.");
            }
        } catch (IOException e) {
            throw new SetupException("Cannot read the backup " + backup + ": " + e.getMessage(), e);
        }
    }
}
