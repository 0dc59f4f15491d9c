package io.github.dbmig.backup;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientToolsTest {

    @TempDir
    Path tmp;

    /** Every program run, so that the test sees how often versions are asked. */
    private final List<String> runs = new ArrayList<>();

    private final ProcessRunner counting = new ProcessRunner() {
        private final SystemProcessRunner real = new SystemProcessRunner();

        @Override
        public Result run(Command command) throws IOException {
            runs.add(String.join(" ", command.argv()));
            return real.run(command);
        }
    };

    /** A stand-in pg_dump that only answers --version, as the real one does. */
    private Path fake(String dir, String version) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve(dir)).resolve("pg_dump");
        Files.writeString(bin, "#!/bin/sh\necho 'pg_dump (PostgreSQL) " + version + "'\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    @Test
    void takesTheClosestVersionThatIsNewEnoughAndAsksEachVersionOnce() throws Exception {
        Path v14 = fake("14", "14.11");
        Path v16 = fake("16", "16.2 (Debian 16.2-1)");
        Path v17 = fake("17", "17.0");
        ClientTools tools = ClientTools.in(List.of(v14.getParent(), v17.getParent(), v16.getParent()), counting);

        assertEquals(PgTool.local(v16, 16), tools.find("pg_dump", 15));
        assertEquals(PgTool.local(v17, 17), tools.find("pg_dump", 17));

        assertEquals(List.of(v14 + " --version", v17 + " --version", v16 + " --version"), runs);
    }

    @Test
    void tooOldPgDumpIsAClearErrorNamingWhatWasFoundAndNeeded() throws Exception {
        Path v9 = fake("9", "9.6.24");
        Path v14 = fake("14", "14.11");
        ClientTools tools = ClientTools.in(List.of(v9.getParent(), v14.getParent()), counting);

        SetupException e = assertThrows(SetupException.class, () -> tools.find("pg_dump", 17));

        assertEquals(
                "No pg_dump of PostgreSQL 17 or newer was found for a server of major version 17; found " + v9
                        + " (9), " + v14
                        + " (14). Install the PostgreSQL 17 client programs, or point <pgBinDir> at them.",
                e.getMessage());
    }
}
