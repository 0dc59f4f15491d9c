package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as users write them: {@code 10m}, {@code 30s}, {@code 500ms}, {@code 1h}, {@code 90} (seconds),
 * {@code PT10M}.
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    private DurationText() {}

    /**
     * @param text    the value
     * @param setting the parameter or element it came from, for the error message
     */
    public static Duration parse(String text, String setting) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new SetupException(
                    setting + " \"" + text + "\" is not a duration; write for example 30s, 10m, 1h or PT10M.");
        }
    }

    /**
     * How long a writing goal waits for dbmig's lock held by another run: {@code dbmig.lockWait} (10 minutes by
     * default),
     * or the deprecated {@code dbmig.lockTimeout} when only it is set, with a warning to {@code log} whenever it is.
     */
    public static Duration lockWait(String lockWait, String lockTimeout, Log log) {
        if (lockTimeout != null && !lockTimeout.isBlank()) {
            log.warn("-Ddbmig.lockTimeout (the wait for another dbmig run) is deprecated: use -Ddbmig.lockWait."
                    + " A database's <lockTimeout> is PostgreSQL's lock_timeout for its scripts.");
            if (lockWait == null || lockWait.isBlank()) {
                return parse(lockTimeout, "dbmig.lockTimeout");
            }
        }
        return parse(lockWait == null || lockWait.isBlank() ? "10m" : lockWait, "dbmig.lockWait");
    }
}
