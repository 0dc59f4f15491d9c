package io.github.dbmig.migration.session;

import java.util.List;

import static io.github.dbmig.connect.SqlIdentifier.quote;

/**
 * dbmig's bookkeeping tables in one database: the MyBatis changelog, {@code dbmig_history} and
 * {@code dbmig_fingerprint}, all in one schema, resolved once per session as PostgreSQL resolves it (the configured
 * {@code <schema>}, else the session's current schema). Every statement names them schema-qualified, so a script that
 * changes the {@code search_path} cannot send dbmig's rows elsewhere, and every spelling of the same changelog shares
 * one lock.
 *
 * @param schema         the resolved schema
 * @param changelogTable the changelog's table name
 */
public record OwnTables(String schema, String changelogTable) {

    public static final String HISTORY = "dbmig_history";
    public static final String FINGERPRINT = "dbmig_fingerprint";
    public static final String TAGS = "dbmig_tags";

    public String changelog() {
        return quote(schema) + "." + quote(changelogTable);
    }

    public String history() {
        return quote(schema) + "." + quote(HISTORY);
    }

    public String fingerprint() {
        return quote(schema) + "." + quote(FINGERPRINT);
    }

    public String tags() {
        return quote(schema) + "." + quote(TAGS);
    }

    /** What the lock is keyed on: the changelog as PostgreSQL resolves it, {@code public.changelog}. */
    public String lockName() {
        return schema + "." + changelogTable;
    }

    /** dbmig's own tables, which the schema fingerprint leaves out. */
    public List<String> names() {
        return List.of(changelogTable, HISTORY, FINGERPRINT, TAGS);
    }
}
