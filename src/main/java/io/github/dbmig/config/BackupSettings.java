package io.github.dbmig.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How backups of one database are taken and kept.
 *
 * @param directory      where backups go (created owner-only)
 * @param format         pg_dump format
 * @param compression    pg_dump's {@code -Z} level, or null for its default
 * @param jobs           parallel jobs for the directory format and for pg_restore
 * @param schemas        schemas to dump; empty for the whole database
 * @param keep           how many backups of this database to keep, or null to keep all
 * @param beforeChange   back up before upgrade and downgrade change something
 * @param fullVerify     after the dump, restore it into a scratch database and compare row counts
 * @param freeSpaceRatio refuse to start unless free space is at least the database size times this
 * @param pgBinDir       where to look for pg_dump and friends first, or null
 */
public record BackupSettings(
        Path directory,
        BackupFormat format,
        Integer compression,
        int jobs,
        List<String> schemas,
        Integer keep,
        boolean beforeChange,
        boolean fullVerify,
        double freeSpaceRatio,
        Path pgBinDir) {}
