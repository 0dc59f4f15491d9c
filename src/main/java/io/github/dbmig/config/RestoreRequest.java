package io.github.dbmig.config;

import java.nio.file.Path;

/**
 * What to restore, where, and what the user allowed.
 *
 * @param backup        a backup file or directory, its manifest, or null for the latest verified backup
 * @param restoreTo     the database to create, or null for {@code <name>_restored_<timestamp>}
 * @param owner         the new database's owner, or null for the original owner from the manifest
 * @param replace       whether an existing database of that name may be replaced
 * @param confirm       the id typed in {@code -Ddbmig.confirm}, or null
 */
public record RestoreRequest(Path backup, String restoreTo, String owner, boolean replace, String confirm) {}
