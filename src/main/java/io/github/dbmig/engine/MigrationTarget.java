package io.github.dbmig.engine;

import io.github.dbmig.config.DatabaseSpec;
import io.github.dbmig.connect.ConnectionTarget;

import java.time.Duration;

/**
 * A database to migrate, as the engine needs it.
 *
 * @param databaseId     the id from the pom, used in every message
 * @param connection     where and as whom to connect
 * @param schema         the managed schema (search_path and changelog location), or null for the default
 * @param changelogTable the changelog's table name, folded
 * @param lockTimeout    how long a writing goal waits for another one to finish (dbmig's advisory lock)
 * @param ddlLockTimeout PostgreSQL's {@code lock_timeout} for scripts: how long one statement may queue for a
 *                       table lock before it gives up (and dbmig retries), so a migration does not stall the
 *                       application behind a long query
 */
public record MigrationTarget(String databaseId, ConnectionTarget connection, String schema, String changelogTable,
                              Duration lockTimeout, Duration ddlLockTimeout) {

    public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = DatabaseSpec.DEFAULT_DDL_LOCK_TIMEOUT;

    public MigrationTarget(String databaseId, ConnectionTarget connection, String schema, String changelogTable,
                           Duration lockTimeout) {
        this(databaseId, connection, schema, changelogTable, lockTimeout, DEFAULT_DDL_LOCK_TIMEOUT);
    }

    public String changelogName() {
        return schema == null ? changelogTable : schema + "." + changelogTable;
    }
}
