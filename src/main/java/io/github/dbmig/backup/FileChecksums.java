package io.github.dbmig.backup;

import io.github.dbmig.checksum.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of a backup: of its bytes, or for a directory-format backup, of its files' names and bytes in name order. */
final class FileChecksums {

    private FileChecksums() {}

    static String of(Path backup) throws IOException {
        if (!Files.isDirectory(backup)) {
            return Sha256.of(backup);
        }
        Sha256 digest = new Sha256();
        List<Path> files;
        try (Stream<Path> list = Files.list(backup)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            byte[] name = file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
            digest.update(name, 0, name.length);
            digest.update((byte) 0);
            digest.update(file);
        }
        return digest.hex();
    }

    static long size(Path backup) throws IOException {
        if (!Files.isDirectory(backup)) {
            return Files.size(backup);
        }
        try (Stream<Path> files = Files.list(backup)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** {@link #size}, or 0 while it cannot be read (a file still being written, for progress lines). */
    static long sizeOrZero(Path backup) {
        try {
            return size(backup);
        } catch (IOException e) {
            return 0;
        }
    }
}
