package io.github.dbmig.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The backups of one database in a backup directory, known by their manifests, newest first. */
public final class BackupCatalog {

    private BackupCatalog() {
    }

    /** Manifests of {@code databaseId}'s backups whose backup is still there, newest first. */
    public static List<Path> manifests(Path directory, String databaseId) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(databaseId + "-")
                            && p.getFileName().toString().endsWith(BackupManifest.SUFFIX))
                    .filter(p -> {
                        BackupManifest m = BackupManifest.read(p);
                        return databaseId.equals(m.databaseId()) && Files.exists(m.backupPath(p));
                    })
                    .sorted(Comparator.comparing((Path p) -> BackupManifest.read(p).createdAt()).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static Optional<Path> latestVerified(Path directory, String databaseId) {
        return manifests(directory, databaseId).stream().filter(p -> BackupManifest.read(p).verified()).findFirst();
    }

    /**
     * Keeps the newest {@code keep} backups of {@code databaseId} and deletes older ones; never the newest verified
     * backup, and never another database's.
     */
    static void retain(Path directory, String databaseId, int keep, Consumer<String> log) throws IOException {
        List<Path> manifests = manifests(directory, databaseId);
        Optional<Path> newestVerified = manifests.stream().filter(p -> BackupManifest.read(p).verified()).findFirst();
        for (Path manifest : manifests.subList(Math.min(keep, manifests.size()), manifests.size())) {
            if (newestVerified.isPresent() && newestVerified.get().equals(manifest)) {
                continue;
            }
            Path backup = BackupManifest.read(manifest).backupPath(manifest);
            deleteRecursively(backup);
            Files.deleteIfExists(checksumFile(backup));
            Files.deleteIfExists(manifest);
            log.accept("Deleted old backup " + backup + " (keep=" + keep + ").");
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
