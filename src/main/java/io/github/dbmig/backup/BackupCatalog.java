package io.github.dbmig.backup;

import io.github.dbmig.config.Database;
import io.github.dbmig.log.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The backups of one database in a backup directory, known by their manifests, newest first. */
public final class BackupCatalog {

    private BackupCatalog() {}

    /** Manifests of {@code databaseId}'s backups whose backup is still there, newest first. */
    public static List<Path> manifests(Path directory, String databaseId) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(Database.fileName(databaseId) + "-")
                            && p.getFileName().toString().endsWith(BackupManifest.SUFFIX))
                    .filter(p -> {
                        BackupManifest m = BackupManifest.read(p);
                        return databaseId.equals(m.databaseId()) && Files.exists(m.backupPath(p));
                    })
                    .sorted(Comparator.comparing(
                                    (Path p) -> BackupManifest.read(p).createdAt())
                            .reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static Optional<Path> latestVerified(Path directory, String databaseId) {
        return manifests(directory, databaseId).stream()
                .filter(p -> BackupManifest.read(p).verified())
                .findFirst();
    }

    /**
     * Keeps the newest {@code keep} backups of {@code databaseId} and deletes older ones; never the newest verified
     * backup, and never another database's.
     */
    static void retain(Path directory, String databaseId, int keep, Log log) throws IOException {
        List<Path> manifests = manifests(directory, databaseId);
        Optional<Path> newestVerified = manifests.stream()
                .filter(p -> BackupManifest.read(p).verified())
                .findFirst();
        for (Path manifest : manifests.subList(Math.min(keep, manifests.size()), manifests.size())) {
            if (newestVerified.isPresent() && newestVerified.get().equals(manifest)) {
                continue;
            }
            Path backup = BackupManifest.read(manifest).backupPath(manifest);
            deleteRecursively(backup);
            Files.deleteIfExists(checksumFile(backup));
            Files.deleteIfExists(manifest);
            log.info("Deleted old backup " + backup + " (keep=" + keep + ").");
        }
    }

    /** Partial dumps of runs that died (their process is gone) are removed; those of a running dump are left alone. */
    static void removeStalePartials(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().endsWith(".partial"))
                    .toList()) {
                String[] parts = p.getFileName().toString().split("\\.");
                long pid = parts.length > 2 ? parsePid(parts[parts.length - 2]) : -1;
                if (pid <= 0 || ProcessHandle.of(pid).isEmpty()) {
                    deleteRecursively(p);
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

    static Path manifestFor(Path backup) {
        return backup.resolveSibling(backup.getFileName() + BackupManifest.SUFFIX);
    }

    static Path checksumFile(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".sha256");
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
