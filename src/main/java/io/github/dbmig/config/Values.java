package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.ScriptId;

/** Values as the pom and the command line give them. */
public final class Values {

    private Values() {
    }

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
}
