package io.github.dbmig.engine;

import io.github.dbmig.connect.ConnectionTarget;

import java.time.Duration;

/**
 * A database to migrate, as the engine needs it.
 *
 * @param databaseId     the id from the pom, used in every message
 * @param connection     where and as whom to connect
 * @param schema         the managed schema (search_path and changelog location), or null for the default
 * @param changelogTable the changelog's table name, folded
 * @param lockTimeout    how long a writing goal waits for another one to finish
 */
public record MigrationTarget(String databaseId, ConnectionTarget connection, String schema, String changelogTable,
                              Duration lockTimeout) {

    public String changelogName() {
        return schema == null ? changelogTable : schema + "." + changelogTable;
    }
}
