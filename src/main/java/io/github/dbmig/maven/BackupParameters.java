package io.github.dbmig.maven;

import io.github.dbmig.config.BackupOptions;
import io.github.dbmig.config.Flag;

import java.io.File;
import java.util.List;

/**
 * A {@code <backup>} element as written, at plugin level or in a {@code <database>} (whose values win where set).
 */
public class BackupParameters {

    /** Where backups go. Default: {@code ${project.build.directory}/dbmig/backups}. */
    File directory;

    /**
     * {@code custom} (default: pg_dump -Fc), {@code directory} (parallel, see jobs) or {@code plain} (gzip-compressed
     * SQL).
     */
    String format;

    /**
     * pg_dump's compression level (-Z, zlib): default 1, which dumps far faster than pg_dump's 6 for a slightly larger
     * file.
     */
    Integer compression;

    /** Parallel jobs for the directory format and for restores. Default 2. */
    Integer jobs;

    /** Schemas to dump (with large objects); default the whole database. */
    List<String> schemas;

    /** How many backups of each database to keep; older ones are deleted, never the newest verified. Default: all. */
    Integer keep;

    /**
     * Back up before upgrade or downgrade change a database. Default true for {@code <url>} databases, false for
     * {@code <image>} ones.
     */
    String beforeChange;

    /** Start only when free space is at least the database size times this. Default 1.0. */
    Double freeSpaceRatio;

    /**
     * Where pg_dump, pg_restore and psql are looked for first; then the PATH, then where PostgreSQL's installers put
     * them (Program Files on Windows, Homebrew and Postgres.app on macOS, /usr/lib/postgresql/N/bin on Linux). See
     * also {@code <clientTools>}.
     */
    File pgBinDir;

    /** As the core reads it; {@code where} names this element in errors: {@code <backup> of <database> prod}. */
    BackupOptions toOptions(String where) {
        return new BackupOptions(
                directory == null ? null : directory.toPath(),
                format,
                compression,
                jobs,
                schemas,
                keep,
                Flag.parse(beforeChange, v -> "<beforeChange>" + v + "</beforeChange> in " + where),
                freeSpaceRatio,
                pgBinDir == null ? null : pgBinDir.toPath());
    }
}
