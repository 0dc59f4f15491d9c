package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.nio.file.Path;
import java.util.List;

/**
 * A {@code <backup>} element as written, every value optional: a database's own, or the plugin-level one. A
 * database's values win over the plugin's, which win over the defaults ({@link #resolve}).
 *
 * @param directory      where backups go
 * @param format         {@code custom}, {@code directory} or {@code plain}
 * @param compression    pg_dump's {@code -Z} level
 * @param jobs           parallel jobs for the directory format and restores
 * @param schemas        schemas to dump
 * @param keep           how many backups to keep
 * @param beforeChange   whether upgrade and downgrade back up first
 * @param freeSpaceRatio free space needed, as a multiple of the database size
 * @param pgBinDir       where pg_dump and friends are looked for first
 */
public record BackupOptions(
        Path directory,
        String format,
        Integer compression,
        Integer jobs,
        List<String> schemas,
        Integer keep,
        Boolean beforeChange,
        Double freeSpaceRatio,
        Path pgBinDir) {

    public static final BackupOptions NONE = new BackupOptions(null, null, null, null, null, null, null, null, null);
    /** Parallel jobs for directory dumps and restores when none are set. */
    public static final int DEFAULT_JOBS = 2;

    /**
     * @param own              the database's own {@code <backup>}, or null
     * @param plugin           the plugin-level {@code <backup>}, or null
     * @param defaultDirectory the directory when neither sets one
     * @param container        whether the database is a throwaway container (no backup before change by default)
     * @param fullVerify       whether every backup is restored into a scratch database to be checked
     * @param directoryOverride a directory that wins over both ({@code -Ddbmig.backup.directory}), or null
     * @param where            the database's pom element, for error messages
     */
    public static BackupSettings resolve(
            BackupOptions own,
            BackupOptions plugin,
            Path defaultDirectory,
            boolean container,
            boolean fullVerify,
            Path directoryOverride,
            String where) {
        BackupOptions a = own == null ? NONE : own;
        BackupOptions b = plugin == null ? NONE : plugin;
        Path directory =
                directoryOverride != null ? directoryOverride : first(a.directory, b.directory, defaultDirectory);
        BackupFormat format = BackupFormat.parse(first(a.format, b.format, "custom"), where + "<backup><format>");
        Integer compression = first(a.compression, b.compression, null);
        if (compression != null && (compression < 0 || compression > 9)) {
            throw new SetupException(where + "<backup><compression> " + compression + " is not a level from 0 to 9.");
        }
        int jobs = first(a.jobs, b.jobs, DEFAULT_JOBS);
        if (jobs < 1) {
            throw new SetupException(where + "<backup><jobs> " + jobs + " must be 1 or more.");
        }
        Integer keep = first(a.keep, b.keep, null);
        if (keep != null && keep < 1) {
            throw new SetupException(where + "<backup><keep> " + keep + " must be 1 or more.");
        }
        double ratio = first(a.freeSpaceRatio, b.freeSpaceRatio, 1.0);
        List<String> schemas = first(a.schemas, b.schemas, List.<String>of()).stream()
                .map(s -> Values.sqlName(s, where + "<backup><schemas><schema>"))
                .toList();
        return new BackupSettings(
                directory,
                format,
                compression,
                jobs,
                schemas,
                keep,
                first(a.beforeChange, b.beforeChange, !container),
                fullVerify,
                ratio,
                first(a.pgBinDir, b.pgBinDir, null));
    }

    private static <T> T first(T own, T plugin, T fallback) {
        return own != null ? own : plugin != null ? plugin : fallback;
    }
}
