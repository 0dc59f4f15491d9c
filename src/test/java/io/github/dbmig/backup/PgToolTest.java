package io.github.dbmig.backup;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgToolTest {

    @TempDir
    Path tmp;

    /** A stand-in pg_dump that only answers --version, as the real one does. */
    private Path fake(String dir, String version) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve(dir)).resolve("pg_dump");
        Files.writeString(bin, "#!/bin/sh\necho 'pg_dump (PostgreSQL) " + version + "'\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    @Test
    void takesTheClosestVersionThatIsNewEnough() throws Exception {
        Path v14 = fake("14", "14.11");
        Path v16 = fake("16", "16.2 (Debian 16.2-1)");
        Path v17 = fake("17", "17.0");
        assertEquals(new PgTool(v16, 16), PgTool.choose("pg_dump", 15, List.of(v14, v17, v16)));
    }

    @Test
    void tooOldPgDumpIsAClearErrorNamingWhatWasFoundAndNeeded() throws Exception {
        Path v9 = fake("9", "9.6.24");
        Path v14 = fake("14", "14.11");
        SetupException e = assertThrows(SetupException.class, () -> PgTool.choose("pg_dump", 17, List.of(v9, v14)));
        assertTrue(e.getMessage().contains("No pg_dump of PostgreSQL 17 or newer"), e.getMessage());
        assertTrue(e.getMessage().contains(v9 + " (9)") && e.getMessage().contains(v14 + " (14)"), e.getMessage());
        assertTrue(e.getMessage().contains("<pgBinDir>"), e.getMessage());
    }
}
