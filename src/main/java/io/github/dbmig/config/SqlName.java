package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A schema or table name from the pom, read as an unquoted SQL identifier: folded to lower case, exactly as
 * PostgreSQL and MyBatis' unquoted {@code CHANGELOG} read it, so both tools find the same table.
 */
final class SqlName {

    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private SqlName() {
    }

    /**
     * @param value   the configured name
     * @param element the pom element it came from, for the error message
     */
    static String fold(String value, String element) {
        String name = value == null ? "" : value.strip();
        if (!UNQUOTED.matcher(name).matches()) {
            throw new SetupException(element + " \"" + value + "\" is not a plain SQL name: use letters, digits and"
                    + " '_' (at most 63), starting with a letter or '_'.");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
