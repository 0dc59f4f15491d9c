package io.github.dbmig.backup;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The client programs are looked for in {@code <pgBinDir>}, on the PATH, then where each platform's installers put
 * them, in that order and each once; only files that may be run count. Each case is a real file tree in a temporary
 * directory standing in for the machine's root.
 */
class ClientSearchTest {

    @TempDir
    Path tmp;

    @Test
    void onLinuxEveryDebianAndPgdgVersionThenAHomeBuiltOneAreCandidatesLowestVersionFirst() throws Exception {
        executable("usr/lib/postgresql/10/bin/pg_dump");
        executable("usr/lib/postgresql/9.6/bin/pg_dump");
        executable("usr/lib/postgresql/17/bin/pg_dump");
        executable("usr/lib/postgresql/16/bin/psql");
        executable("usr/pgsql-15/bin/pg_dump");
        executable("usr/local/pgsql/bin/pg_dump");
        executable("opt/homebrew/bin/pg_dump"); // macOS's place: not looked in on Linux

        assertEquals(
                List.of(
                        tmp.resolve("usr/lib/postgresql/9.6/bin/pg_dump"),
                        tmp.resolve("usr/lib/postgresql/10/bin/pg_dump"),
                        tmp.resolve("usr/lib/postgresql/17/bin/pg_dump"),
                        tmp.resolve("usr/pgsql-15/bin/pg_dump"),
                        tmp.resolve("usr/local/pgsql/bin/pg_dump")),
                linux(null, null).candidates("pg_dump"));
    }

    @Test
    void onMacOsHomebrewsFormulasAndLinksThenPostgresAppsVersionsAreCandidates() throws Exception {
        executable("opt/homebrew/opt/postgresql@16/bin/pg_dump");
        executable("opt/homebrew/opt/postgresql@14/bin/pg_dump");
        executable("opt/homebrew/opt/libpq/bin/pg_dump");
        executable("usr/local/opt/postgresql@15/bin/pg_dump");
        executable("usr/local/opt/libpq/bin/pg_dump");
        executable("opt/homebrew/bin/pg_dump");
        executable("usr/local/bin/pg_dump");
        executable("Applications/Postgres.app/Contents/Versions/latest/bin/pg_dump");
        executable("Applications/Postgres.app/Contents/Versions/16/bin/pg_dump");
        executable("usr/lib/postgresql/17/bin/pg_dump"); // Debian's place: not looked in on macOS

        assertEquals(
                List.of(
                        tmp.resolve("opt/homebrew/opt/postgresql@14/bin/pg_dump"),
                        tmp.resolve("opt/homebrew/opt/postgresql@16/bin/pg_dump"),
                        tmp.resolve("opt/homebrew/opt/libpq/bin/pg_dump"),
                        tmp.resolve("usr/local/opt/postgresql@15/bin/pg_dump"),
                        tmp.resolve("usr/local/opt/libpq/bin/pg_dump"),
                        tmp.resolve("opt/homebrew/bin/pg_dump"),
                        tmp.resolve("usr/local/bin/pg_dump"),
                        tmp.resolve("Applications/Postgres.app/Contents/Versions/16/bin/pg_dump"),
                        tmp.resolve("Applications/Postgres.app/Contents/Versions/latest/bin/pg_dump")),
                ClientSearch.of("Mac OS X", "", ":", Map.of(), null, tmp).candidates("pg_dump"));
    }

    @Test
    void onWindowsTheExeOnThePathThenInEveryVersionUnderBothProgramFilesIsACandidate() throws Exception {
        file("C/tools/pg/pg_dump.exe");
        file("D/bin/pg_dump"); // no .exe: no program on Windows
        file("D/Programs/PostgreSQL/15/bin/pg_dump.exe");
        file("C/Program Files/PostgreSQL/17/bin/pg_dump.exe");
        file("C/Program Files/PostgreSQL/16/bin/pg_dump.exe");
        file("C/Program Files/PostgreSQL/16/bin/pg_dump");

        ClientSearch search = ClientSearch.of(
                "Windows 11",
                "C:\\tools\\pg;;\"D:\\bin\"",
                ";",
                Map.of("ProgramFiles", "D:\\Programs", "ProgramW6432", "C:\\Program Files\\"),
                null,
                tmp);

        assertEquals(
                List.of(
                        tmp.resolve("C/tools/pg/pg_dump.exe"),
                        tmp.resolve("D/Programs/PostgreSQL/15/bin/pg_dump.exe"),
                        tmp.resolve("C/Program Files/PostgreSQL/16/bin/pg_dump.exe"),
                        tmp.resolve("C/Program Files/PostgreSQL/17/bin/pg_dump.exe")),
                search.candidates("pg_dump"));
        assertEquals(
                "the PATH, D:\\Programs\\PostgreSQL\\*\\bin, C:\\Program Files\\PostgreSQL\\*\\bin", search.places());
    }

    @Test
    void onWindowsWithoutTheProgramFilesVariablesCProgramFilesIsLookedIn() throws Exception {
        file("C/Program Files/PostgreSQL/16/bin/psql.exe");

        ClientSearch search = ClientSearch.of("Windows Server 2022", null, ";", Map.of(), null, tmp);

        assertEquals(List.of(tmp.resolve("C/Program Files/PostgreSQL/16/bin/psql.exe")), search.candidates("psql"));
        assertEquals("the PATH, C:\\Program Files\\PostgreSQL\\*\\bin", search.places());
    }

    @Test
    void pgBinDirThenThePathComeFirstAndAPlaceFoundTwiceCountsOnceWhereItCameFirst() throws Exception {
        Path mine = executable("mine/pg_dump");
        executable("opt/a/bin/pg_dump");
        executable("opt/b/bin/pg_dump");
        executable("usr/lib/postgresql/16/bin/pg_dump");
        executable("usr/local/pgsql/bin/pg_dump");

        String path = "/opt/b/bin::/usr/local/pgsql/bin:/opt/a/bin:/usr/local/pgsql/bin";
        ClientSearch search = linux(path, mine.getParent());

        assertEquals(
                List.of(
                        mine,
                        tmp.resolve("opt/b/bin/pg_dump"),
                        tmp.resolve("usr/local/pgsql/bin/pg_dump"),
                        tmp.resolve("opt/a/bin/pg_dump"),
                        tmp.resolve("usr/lib/postgresql/16/bin/pg_dump")),
                search.candidates("pg_dump"));
        assertEquals(
                mine.getParent() + ", the PATH, /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, /usr/local/pgsql/bin",
                search.places());
    }

    @Test
    void onLinuxAFileThatMayNotBeRunOrADirectoryIsNoCandidate() throws Exception {
        file("usr/lib/postgresql/15/bin/pg_dump");
        executable("usr/lib/postgresql/16/bin/pg_dump");
        Files.createDirectories(tmp.resolve("usr/local/pgsql/bin/pg_dump"));

        assertEquals(
                List.of(tmp.resolve("usr/lib/postgresql/16/bin/pg_dump")),
                linux("", null).candidates("pg_dump"));
    }

    @Test
    void clientToolsTakeTheClosestMajorAtOrAboveTheServersAmongTheCandidates() throws Exception {
        Path v15 = pgDump("usr/lib/postgresql/15/bin/pg_dump", "15.4");
        Path v17 = pgDump("usr/lib/postgresql/17/bin/pg_dump", "17.2 (Debian 17.2-1.pgdg120+1)");
        Path v18 = pgDump("usr/pgsql-18/bin/pg_dump", "18.0");
        ClientTools tools = new ClientTools(linux(null, null), new SystemProcessRunner(), ClientImages.none());

        assertEquals(PgTool.local(v17, 17), tools.find("pg_dump", 16));
        assertEquals(PgTool.local(v15, 15), tools.find("pg_dump", 15));
        assertEquals(PgTool.local(v18, 18), tools.find("pg_dump", 18));
        SetupException e = assertThrows(SetupException.class, () -> tools.find("pg_dump", 19));
        assertEquals(
                "No pg_dump of PostgreSQL 19 or newer was found for a server of major version 19; found " + v15
                        + " (15), " + v17 + " (17), " + v18
                        + " (18). Install the PostgreSQL 19 client programs, or point <pgBinDir> at them.",
                e.getMessage());
    }

    @Test
    void whenNoClientProgramIsFoundTheMessageSaysWhereItWasLookedFor() {
        ClientTools tools = new ClientTools(linux(null, null), new SystemProcessRunner(), ClientImages.none());

        SetupException e = assertThrows(SetupException.class, () -> tools.find("pg_restore", 16));

        assertEquals(
                "No pg_restore of PostgreSQL 16 or newer was found for a server of major version 16; found none."
                        + " Install the PostgreSQL 16 client programs, or point <pgBinDir> at them. Looked in the"
                        + " PATH, /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, /usr/local/pgsql/bin.",
                e.getMessage());
    }

    /** The search on a Linux machine whose root is {@link #tmp}. */
    private ClientSearch linux(String searchPath, Path pgBinDir) {
        return ClientSearch.of("Linux", searchPath, ":", Map.of(), pgBinDir, tmp);
    }

    /** A stand-in pg_dump that only answers --version, as the real one does. */
    private Path pgDump(String relative, String version) throws Exception {
        Path bin = executable(relative);
        Files.writeString(bin, "#!/bin/sh\necho 'pg_dump (PostgreSQL) " + version + "'\n");
        return bin;
    }

    private Path executable(String relative) throws Exception {
        Path file = file(relative);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** A file that may be read but not run. */
    private Path file(String relative) throws Exception {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
