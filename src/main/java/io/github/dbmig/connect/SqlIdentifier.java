package io.github.dbmig.connect;

/** SQL text built from names and values: identifiers double-quoted, strings as literals. */
public final class SqlIdentifier {

    private SqlIdentifier() {}

    /**
     * A string as an SQL literal, right whatever {@code standard_conforming_strings} says: quotes doubled, and a text
     * holding a backslash written as an escape string ({@code E'…'}) with its backslashes doubled; null as NULL.
     */
    public static String literal(String text) {
        if (text == null) {
            return "NULL";
        }
        String quoted = text.replace("'", "''");
        return text.indexOf('\\') < 0 ? "'" + quoted + "'" : "E'" + quoted.replace("\\", "\\\\") + "'";
    }

    /** Double-quotes an already folded name for use in SQL text. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
