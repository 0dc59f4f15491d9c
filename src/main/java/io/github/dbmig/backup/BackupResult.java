package io.github.dbmig.backup;

import java.nio.file.Path;

/**
 * A backup written and verified.
 *
 * @param path     the backup file or directory
 * @param manifest what is known of it
 */
public record BackupResult(Path path, BackupManifest manifest) {}
