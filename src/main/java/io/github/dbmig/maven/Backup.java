package io.github.dbmig.maven;

import io.github.dbmig.backup.BackupFormat;
import io.github.dbmig.backup.BackupSettings;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code <backup>} element, at plugin level or in a {@code <database>} (whose values win where set).
 */
public class Backup {

    /** Where backups go. Default: {@code ${project.build.directory}/dbmig/backups}. */
    private File directory;

    /** {@code custom} (default: pg_dump -Fc), {@code directory} (parallel, see jobs) or {@code plain} (gzip-compressed SQL). */
    private String format;

    /** pg_dump's compression level (-Z, zlib): default 1, which dumps far faster than pg_dump's 6 for a slightly larger file. */
    private Integer compression;

    /** Parallel jobs for the directory format and for restores. Default 2. */
    private Integer jobs;

    /** Schemas to dump (with large objects); default the whole database. */
    private List<String> schemas;

    /** How many backups of each database to keep; older ones are deleted, never the newest verified. Default: all. */
    private Integer keep;

    /**
     * Back up before upgrade or downgrade change a database. Default true for {@code <url>} databases, false for
     * {@code <image>} ones.
     */
    private Boolean beforeChange;

    /** Start only when free space is at least the database size times this. Default 1.0. */
    private Double freeSpaceRatio;

    /** Where pg_dump, pg_restore and psql are looked for first; then the PATH, then /usr/lib/postgresql/N/bin. */
    private File pgBinDir;

    /** The settings for one database: its own values, then the plugin-level ones, then the defaults. */
    static BackupSettings resolve(Backup own, Backup plugin, Path defaultDirectory, boolean container, boolean fullVerify) {
        Backup a = own == null ? new Backup() : own;
        Backup b = plugin == null ? new Backup() : plugin;
        File directory = first(a.directory, b.directory, defaultDirectory.toFile());
        String format = first(a.format, b.format, "custom");
        List<String> schemas = first(a.schemas, b.schemas, List.of());
        File bin = first(a.pgBinDir, b.pgBinDir, null);
        return new BackupSettings(directory.toPath(), BackupFormat.parse(format, "<backup><format>"),
                first(a.compression, b.compression, null), first(a.jobs, b.jobs, 2), List.copyOf(schemas),
                first(a.keep, b.keep, null), first(a.beforeChange, b.beforeChange, !container), fullVerify,
                first(a.freeSpaceRatio, b.freeSpaceRatio, 1.0), bin == null ? null : bin.toPath());
    }

    private static <T> T first(T own, T plugin, T fallback) {
        return own != null ? own : plugin != null ? plugin : fallback;
    }

    public void setDirectory(File directory) {
        this.directory = directory;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public void setCompression(Integer compression) {
        this.compression = compression;
    }

    public void setJobs(Integer jobs) {
        this.jobs = jobs;
    }

    public void setSchemas(List<String> schemas) {
        this.schemas = schemas;
    }

    public void setKeep(Integer keep) {
        this.keep = keep;
    }

    public void setBeforeChange(Boolean beforeChange) {
        this.beforeChange = beforeChange;
    }

    public void setFreeSpaceRatio(Double freeSpaceRatio) {
        this.freeSpaceRatio = freeSpaceRatio;
    }

    public void setPgBinDir(File pgBinDir) {
        this.pgBinDir = pgBinDir;
    }
}
