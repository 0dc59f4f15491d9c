package io.github.dbmig.maven;

import io.github.dbmig.backup.BackupSettings;
import io.github.dbmig.config.DatabaseSpec;
import io.github.dbmig.connect.ConnectionTarget;
import io.github.dbmig.engine.Migrator;

/**
 * A database a goal works on: its checked configuration, where it is reached, its backup settings, and a migrator.
 *
 * @param spec     the checked {@code <database>}
 * @param target   URL and credentials (of the throwaway container, for an {@code <image>} database)
 * @param backup   its backup settings
 * @param migrator the engine for it
 */
public record SelectedDatabase(DatabaseSpec spec, ConnectionTarget target, BackupSettings backup, Migrator migrator) {
}
