package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.ScriptId;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Values as the pom and the command line give them. */
public final class Values {

    private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private Values() {}

    /** {@code value} without surrounding blanks, or null when it is null or blank (an element left empty). */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A {@code dbmig.target}-style id, or null when blank; naming the property when it is not one. */
    public static ScriptId scriptId(String value, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        ScriptId id = ScriptId.parseOrNull(value);
        if (id == null) {
            throw new SetupException("-D" + property + "=" + value + " is not a script id (digits, as in the file name"
                    + " 20240101120000_add_users.sql), nor 0.");
        }
        return id;
    }

    /** {@code value} stripped, {@code first} when blank; fails naming {@code property} when it is neither choice. */
    public static String oneOf(String value, String first, String second, String property) {
        String chosen = value == null ? first : value.strip();
        if (!chosen.equals(first) && !chosen.equals(second)) {
            throw new SetupException("-D" + property + "=" + value + " is not " + first + " or " + second + ".");
        }
        return chosen;
    }

    /** The character set named {@code name}, UTF-8 when blank; fails naming {@code property} when it is unknown. */
    public static Charset charset(String name, String property) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new SetupException(property + " \"" + name + "\" is not a known character set.");
        }
    }

    /**
     * A schema or table name from the pom, read as an unquoted SQL identifier: folded to lower case, exactly as
     * PostgreSQL and MyBatis' unquoted {@code CHANGELOG} read it, so both tools find the same table.
     *
     * @param value   the configured name
     * @param element the pom element it came from, for the error message
     */
    public static String sqlName(String value, String element) {
        String name = value == null ? "" : value.strip();
        if (!UNQUOTED.matcher(name).matches()) {
            throw new SetupException(element + " \"" + value + "\" is not a plain SQL name: use letters, digits and"
                    + " '_' (at most 63), starting with a letter or '_'.");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
