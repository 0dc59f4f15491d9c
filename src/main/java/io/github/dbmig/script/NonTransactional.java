package io.github.dbmig.script;

/**
 * Statements PostgreSQL refuses to run inside a transaction block, recognised by their first words (which the
 * splitter reads outside strings, comments and dollar quotes).
 */
final class NonTransactional {

    private NonTransactional() {}

    static boolean statement(SqlStatement s) {
        boolean concurrently = (" " + s.head() + " ").contains(" CONCURRENTLY ");
        return s.startsWith("VACUUM")
                || s.startsWith("ALTER", "SYSTEM")
                || s.startsWith("CREATE", "DATABASE")
                || s.startsWith("DROP", "DATABASE")
                || s.startsWith("CREATE", "TABLESPACE")
                || s.startsWith("DROP", "TABLESPACE")
                || s.startsWith("REINDEX", "SYSTEM")
                || s.startsWith("REINDEX", "DATABASE")
                || (concurrently
                        && (s.startsWith("CREATE", "INDEX")
                                || s.startsWith("CREATE", "UNIQUE", "INDEX")
                                || s.startsWith("DROP", "INDEX")
                                || s.startsWith("REINDEX")
                                || (s.startsWith("ALTER", "TABLE")
                                        && (" " + s.head() + " ").contains(" DETACH PARTITION "))));
    }
}
