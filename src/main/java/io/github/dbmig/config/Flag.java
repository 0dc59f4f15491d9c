package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.util.Locale;
import java.util.function.Function;

/**
 * A yes-or-no setting of dbmig, as the pom or the command line writes it: {@code true} or {@code false} in any case,
 * blank for the default. Anything else is an error naming where it was written, where Maven would have read it as a
 * silent {@code false}.
 */
public final class Flag {

    private Flag() {}

    /**
     * @param value   the value as written, or null
     * @param written how the setting was written, given the value: {@code <reuse>yes</reuse> in <database> prod} or
     *                {@code -Ddbmig.dryRun=yes}
     * @return true, false, or null when the value is null or blank
     */
    public static Boolean parse(String value, Function<String, String> written) {
        String stripped = Values.blankToNull(value);
        if (stripped == null) {
            return null;
        }
        return switch (stripped.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new SetupException(written.apply(stripped) + " is not true or false.");
        };
    }

    /** As {@link #parse}, with {@code fallback} for a null or blank value. */
    public static boolean parse(String value, boolean fallback, Function<String, String> written) {
        Boolean parsed = parse(value, written);
        return parsed == null ? fallback : parsed;
    }
}
