package io.github.dbmig.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes script files into a test's scripts directory. */
public final class Scripts {

    private final Path dir;

    public Scripts(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path write(String fileName, String content) {
        try {
            Path file = dir.resolve(fileName);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script creating table {@code table}, with an undo part dropping it. */
    public Path table(String fileName, String table) {
        return write(
                fileName,
                "-- // create " + table + "\nCREATE TABLE " + table + " (id int primary key, v text);\n\n"
                        + "-- //@UNDO\nDROP TABLE " + table + ";\n");
    }
}
