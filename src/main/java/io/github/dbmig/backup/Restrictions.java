package io.github.dbmig.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Backups and what is written beside them are readable by their owner only, from the moment they exist. */
final class Restrictions {

    /** rw------- */
    private static final Set<PosixFilePermission> FILE =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    /** rwx------ */
    private static final Set<PosixFilePermission> DIRECTORY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private Restrictions() {}

    /** A backup file, or a directory-format backup and its files. */
    static void ownerOnly(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Files.setPosixFilePermissions(path, DIRECTORY);
            try (var files = Files.list(path)) {
                for (Path file : files.toList()) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        } else {
            Files.setPosixFilePermissions(path, FILE);
        }
    }

    /** Writes a new file created owner-only (never readable by others, even for a moment). */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(FILE);
        Files.deleteIfExists(file);
        Files.createFile(file, attribute);
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
