package io.github.dbmig.backup;

import io.github.dbmig.config.BackupFormat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a dump is compressed with when {@code <compression>} sets no level: zstd level 1, else lz4, else zlib level 1
 * from pg_dump 16 on, zlib level 1 before; a level the user set, and the plain format, stay zlib. A method the build
 * lacks is recognized from pg_dump's one-line refusal, in English or translated, and nothing else.
 */
class DumpCompressionTest {

    private static final String NO_ZSTD =
            "pg_dump: error: invalid compression specification: this build does not support compression with ZSTD";
    private static final String NO_LZ4 =
            "pg_dump: error: invalid compression specification: this build does not support compression with LZ4";

    private static List<String> flags(BackupFormat format, Integer level, int major, Set<DumpCompression> lacking) {
        return DumpCompression.candidates(format, level, major, lacking).stream()
                .map(DumpCompression::flag)
                .toList();
    }

    @Test
    void pgDump16AndNewerTryZstdThenLz4ThenZlibLevel1() {
        for (int major : List.of(16, 17, 18)) {
            for (BackupFormat format : List.of(BackupFormat.CUSTOM, BackupFormat.DIRECTORY)) {
                assertEquals(
                        List.of(DumpCompression.ZSTD, DumpCompression.LZ4, DumpCompression.zlib(1)),
                        DumpCompression.candidates(format, null, major, Set.of()),
                        format + " by pg_dump " + major);
            }
        }
        assertEquals(List.of("zstd:1", "lz4", "1"), flags(BackupFormat.CUSTOM, null, 17, Set.of()));
        assertEquals(
                List.of("zstd:1", "lz4", "gzip:1"),
                DumpCompression.candidates(BackupFormat.CUSTOM, null, 17, Set.of()).stream()
                        .map(DumpCompression::name)
                        .toList());
    }

    @Test
    void olderPgDumpsThePlainFormatAndAChosenLevelStayZlib() {
        assertEquals(List.of("1"), flags(BackupFormat.CUSTOM, null, 15, Set.of()));
        assertEquals(List.of("1"), flags(BackupFormat.DIRECTORY, null, 12, Set.of()));
        assertEquals(List.of("1"), flags(BackupFormat.PLAIN, null, 17, Set.of()), "a .sql.gz is gzip");
        assertEquals(List.of("6"), flags(BackupFormat.CUSTOM, 6, 17, Set.of()), "<compression>6: zlib level 6");
        assertEquals(List.of(DumpCompression.zlib(9)), DumpCompression.candidates(BackupFormat.PLAIN, 9, 15, Set.of()));
        assertEquals(
                new DumpCompression("none", "0"),
                DumpCompression.candidates(BackupFormat.CUSTOM, 0, 17, Set.of()).get(0));
        assertEquals("gzip:6", DumpCompression.zlib(6).toString());
    }

    @Test
    void aMethodTheBuildWasFoundToLackIsNotTriedAgain() {
        assertEquals(List.of("lz4", "1"), flags(BackupFormat.CUSTOM, null, 16, Set.of(DumpCompression.ZSTD)));
        assertEquals(
                List.of("1"), flags(BackupFormat.CUSTOM, null, 16, Set.of(DumpCompression.ZSTD, DumpCompression.LZ4)));
        assertEquals(List.of("zstd:1", "1"), flags(BackupFormat.DIRECTORY, null, 18, Set.of(DumpCompression.LZ4)));
    }

    @Test
    void aBuildWithoutTheMethodIsRecognizedByItsOneLineRefusalInAnyLanguage() {
        assertTrue(DumpCompression.ZSTD.lackedBy(new ProcessRunner.Result(1, NO_ZSTD + "\n")));
        assertTrue(DumpCompression.LZ4.lackedBy(new ProcessRunner.Result(1, NO_LZ4 + "\n")));
        assertTrue(DumpCompression.LZ4.lackedBy(new ProcessRunner.Result(
                1,
                "pg_dump: Fehler: ungültige Komprimierungsangabe: diese Installation unterstützt keine"
                        + " Komprimierung mit LZ4\n")));
        assertTrue(DumpCompression.ZSTD.lackedBy(
                new ProcessRunner.Result(1, "pg_dump: error: this build does not support compression with ZSTD")));
    }

    @Test
    void anyOtherFailureIsNotTakenForAMissingMethod() {
        assertFalse(DumpCompression.LZ4.lackedBy(new ProcessRunner.Result(1, NO_ZSTD)), "the other method");
        assertFalse(DumpCompression.ZSTD.lackedBy(new ProcessRunner.Result(1, NO_LZ4)), "the other method");
        assertFalse(DumpCompression.ZSTD.lackedBy(new ProcessRunner.Result(0, NO_ZSTD)), "it did not fail");
        assertFalse(
                DumpCompression.LZ4.lackedBy(new ProcessRunner.Result(
                        1,
                        "pg_dump: error: query failed: ERROR:  permission denied for table LZ4_data\n"
                                + "pg_dump: detail: Query was: LOCK TABLE public.\"LZ4_data\" IN ACCESS SHARE MODE\n")),
                "a failure of several lines, part-way through a dump");
        assertFalse(
                DumpCompression.zlib(1)
                        .lackedBy(new ProcessRunner.Result(
                                1, "pg_dump: error: this build does not support compression with gzip")),
                "zlib is the last resort: its failure is reported, not retried");
        assertFalse(DumpCompression.ZSTD.lackedBy(new ProcessRunner.Result(
                1, "pg_dump: error: connection to server at \"db\" (10.0.0.5), port 5432 failed: timeout expired")));
    }
}
