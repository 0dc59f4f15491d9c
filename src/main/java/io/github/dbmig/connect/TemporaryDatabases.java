package io.github.dbmig.connect;

/**
 * How dbmig's temporary databases (a restore before it is renamed, a scratch copy) are known: by their name,
 * {@code <prefix>_dbmig_<8 hex>}, and by the comment dbmig sets on them. A temporary database renamed to what the user
 * asked for no longer has such a name, and is never taken for one.
 */
public final class TemporaryDatabases {

    /** How their comment starts. */
    public static final String COMMENT_PREFIX = "dbmig temporary database";

    /** Their names, ordered. */
    public static final String QUERY = "SELECT datname FROM pg_database WHERE datname ~ '_dbmig_[0-9a-f]{8}$'"
            + " AND shobj_description(oid, 'pg_database') LIKE '" + COMMENT_PREFIX + " (%' ORDER BY 1";

    private TemporaryDatabases() {
    }
}
