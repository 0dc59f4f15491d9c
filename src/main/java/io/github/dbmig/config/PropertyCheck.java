package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the command line's {@code -Ddbmig.*} properties are to dbmig, looked at before a goal connects anywhere: a key
 * that no dbmig goal reads but that matches one case-insensitively or within two edits is a typo, and an error naming
 * both ({@code -Ddbmig.dryrun is not a dbmig property; did you mean -Ddbmig.dryRun?}), so that nothing runs on a
 * setting the user did not get; any other unknown key gets a warning, since a pom may use its own {@code dbmig.*}
 * properties.
 * <p>
 * Known are: the properties dbmig reads (every goal's parameters, the deprecated names that still work, and
 * {@link #WAIT_LOG_SECONDS}), the published {@code dbmig.<id>.url}, {@code .username}, {@code .password},
 * {@code .host}, {@code .port} and {@code .database} of every declared id (and anything else under
 * {@code dbmig.<id>.}), and the properties the pom defines or refers to itself.
 *
 * @param read          the properties dbmig reads
 * @param declaredIds   the ids of the declared databases, as written
 * @param pomProperties the {@code dbmig.*} properties the pom defines or refers to
 */
public record PropertyCheck(Collection<String> read, Collection<String> declaredIds, Collection<String> pomProperties) {

    /** The properties of a goal start with this. */
    public static final String PREFIX = "dbmig.";
    /** How often a long wait is logged, in seconds: a system property, read outside the goals' parameters. */
    public static final String WAIT_LOG_SECONDS = "dbmig.waitLogSeconds";
    /** What {@code dbmig:start} publishes for each database id: {@code dbmig.<id>.<key>}. */
    public static final List<String> PUBLISHED = List.of("url", "username", "password", "host", "port", "database");

    private static final int MAX_EDITS = 2;

    /**
     * @param given the command line's user properties (only those starting with {@code dbmig.}, in any case, matter)
     * @return one warning line per unknown key that is no typo, in key order
     * @throws SetupException naming every key that is a typo of a known one, and the known one
     */
    public List<String> check(Collection<String> given) {
        Set<String> names = new TreeSet<>(read);
        names.add(WAIT_LOG_SECONDS);
        List<String> prefixes = new ArrayList<>();
        for (String id : declaredIds) {
            String plain = Values.blankToNull(id);
            if (plain != null) {
                PUBLISHED.forEach(key -> names.add(PREFIX + plain + "." + key));
                prefixes.add(PREFIX + plain + ".");
            }
        }
        List<String> typos = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(given)) {
            if (!key.toLowerCase(Locale.ROOT).startsWith(PREFIX)
                    || names.contains(key)
                    || pomProperties.contains(key)
                    || prefixes.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String meant = closest(key, names);
            if (meant != null) {
                typos.add("-D" + key + " is not a dbmig property; did you mean -D" + meant + "?");
            } else {
                warnings.add("-D" + key + " is not a property of dbmig; ignored.");
            }
        }
        if (!typos.isEmpty()) {
            throw new SetupException(String.join(" ", typos));
        }
        return warnings;
    }

    /**
     * The known name {@code key} is a typo of, or null: one equal to it but for case first, then the fewest edits
     * (at most two), then the first in alphabetical order.
     */
    static String closest(String key, Collection<String> names) {
        Comparator<String> order = Comparator.<String>comparingInt(name -> name.equalsIgnoreCase(key) ? 0 : 1)
                .thenComparingInt(name -> distance(key, name))
                .thenComparing(Comparator.naturalOrder());
        return names.stream()
                .filter(name -> name.equalsIgnoreCase(key) || distance(key, name) <= MAX_EDITS)
                .min(order)
                .orElse(null);
    }

    /** Levenshtein's distance: the fewest insertions, deletions and substitutions of one character from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
