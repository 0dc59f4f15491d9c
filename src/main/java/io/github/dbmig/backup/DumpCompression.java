package io.github.dbmig.backup;

import io.github.dbmig.config.BackupFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How pg_dump compresses a backup: the value of its {@code --compress}, and the name the log and the manifest give it,
 * spelt as pg_dump 16 and newer read it ({@code zstd:1}, {@code lz4}, {@code gzip:1}, {@code none}).
 *
 * <p>When {@code <compression>} sets no level, a custom or directory dump by pg_dump 16 or newer is compressed with
 * zstd at level 1, else lz4, else zlib at level 1, the first that its build has ({@link #candidates}). Measured with
 * pg_dump 17 -Fc on bench/backup.sh's kind of data (pgbench's tables and random text, a 392 MB database; medians of 6
 * runs on this 2-core machine): zlib level 1 took 3.5 s for 84 MB, lz4 1.7 s for 142 MB, zstd level 1 1.7 s for 71 MB
 * (none: 1.6 s for 293 MB, so the dump is then bound by the server and pg_dump's own work, not by compression). zstd
 * is as fast as lz4 there at half its size, and smaller than zlib; lz4, which has no entropy coding, is twice zlib's
 * speed but much larger, so it comes second. Reading either back (pg_restore) takes a fifth of zlib's time or less. An
 * older pg_dump knows only zlib, and a plain dump stays zlib ({@code .sql.gz}, read back with gunzip or this JVM).
 *
 * @param name as the log and the manifest say it
 * @param flag the value of pg_dump's {@code --compress}
 */
record DumpCompression(String name, String flag) {

    /**
     * zlib level 1, not pg_dump's 6, where zlib is used: a dump is bound by compression on one core, and on measured
     * data level 1 took 41% of the time for a file 2% larger (bench/backup.sh). {@code <compression>} chooses
     * otherwise.
     */
    static final int DEFAULT_LEVEL = 1;

    /** The first pg_dump version that compresses with lz4 and zstd. */
    static final int FIRST_WITH_ZSTD_AND_LZ4 = 16;

    static final DumpCompression ZSTD = new DumpCompression("zstd:1", "zstd:1");
    static final DumpCompression LZ4 = new DumpCompression("lz4", "lz4");

    /** zlib at {@code level} (0: none), as a bare level that every pg_dump reads. */
    static DumpCompression zlib(int level) {
        return new DumpCompression(level == 0 ? "none" : "gzip:" + level, Integer.toString(level));
    }

    /**
     * The methods to dump with, in order: the next is tried only when the build of pg_dump lacks the one before.
     *
     * @param format      the backup's format
     * @param level       the {@code <compression>} level the user set, or null
     * @param pgDumpMajor pg_dump's major version
     * @param lacking     the methods this pg_dump was already found to lack in this run
     */
    static List<DumpCompression> candidates(
            BackupFormat format, Integer level, int pgDumpMajor, Set<DumpCompression> lacking) {
        if (level != null || format == BackupFormat.PLAIN || pgDumpMajor < FIRST_WITH_ZSTD_AND_LZ4) {
            return List.of(zlib(level != null ? level : DEFAULT_LEVEL));
        }
        List<DumpCompression> methods = new ArrayList<>(List.of(ZSTD, LZ4));
        methods.removeAll(lacking);
        methods.add(zlib(DEFAULT_LEVEL));
        return List.copyOf(methods);
    }

    /**
     * Whether pg_dump failed because its build lacks this method. Such a pg_dump checks {@code --compress} before it
     * connects or opens its output, and fails at once with one line: {@code pg_dump: error: invalid compression
     * specification: this build does not support compression with ZSTD} (or {@code LZ4}). So the dump itself is the
     * test: nothing is run beforehand (a probe would cost every backup one more program start, a container's among
     * them, and {@code pg_config --configure} is missing from many installations and says nothing of a program run
     * from an image), and a build without the method costs one start of a program that fails before it does anything.
     *
     * <p>The message is recognized in any language: it is one line naming the method as pg_dump does, in capitals, a
     * name that translations keep. Should another one-line failure happen to name it (a database called LZ4 that does
     * not exist), the next method fails the same way and its message is the one reported: a retry in vain, no more.
     */
    boolean lackedBy(ProcessRunner.Result result) {
        String said = result.stderr().strip();
        String method = name.replaceFirst(":.*", "").toUpperCase(Locale.ROOT);
        return !result.ok()
                && !flag.chars().allMatch(Character::isDigit)
                && !said.contains("\n")
                && said.contains(method);
    }

    @Override
    public String toString() {
        return name;
    }
}
