package io.github.dbmig.connect;

import io.github.dbmig.errors.SetupException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A schema or table name from the pom, read as an unquoted SQL identifier: folded to lower case, exactly as
 * PostgreSQL and MyBatis' unquoted {@code CHANGELOG} read it, so both tools find the same table.
 */
public final class SqlIdentifier {

    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private SqlIdentifier() {
    }

    /**
     * @param value   the configured name
     * @param element the pom element it came from, for the error message
     */
    public static String fold(String value, String element) {
        String name = value == null ? "" : value.strip();
        if (!UNQUOTED.matcher(name).matches()) {
            throw new SetupException(element + " \"" + value + "\" is not a plain SQL name: use letters, digits and"
                    + " '_' (at most 63), starting with a letter or '_'.");
        }
        return name.toLowerCase(Locale.ROOT);
    }

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
