package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import org.codehaus.plexus.util.SelectorUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code -Ddb} into the declared databases it names: an id, a comma list, {@code all}, or glob patterns
 * ({@code tenant-*}); {@code <id>/<name>} (patterns allowed) picks among the databases or schemas a declared database
 * discovers. When only one database is declared it is the default.
 */
public final class DatabaseSelector {

    private DatabaseSelector() {}

    /** Whether a database id, database name or schema name is a glob pattern ({@code *}, {@code ?}). */
    public static boolean isPattern(String text) {
        return text != null && (text.indexOf('*') >= 0 || text.indexOf('?') >= 0);
    }

    /** Whether {@code value} matches the glob {@code pattern}, as Ant and Maven match them (case-sensitive). */
    public static boolean matches(String pattern, String value) {
        return SelectorUtils.match(pattern, value, true);
    }

    /**
     * A declared database chosen, and which of the databases it discovers are wanted.
     *
     * @param id      the declared id
     * @param members patterns over the names of the databases or schemas it discovers; empty for all of them
     */
    public record Choice(String id, List<String> members) {

        /** Whether the discovered database or schema {@code name} is wanted. */
        public boolean wants(String name) {
            return members.isEmpty() || members.stream().anyMatch(m -> matches(m, name));
        }
    }

    /**
     * @param declared  the declared ids, in pom order: at least one, each once
     * @param selection the value of {@code -Ddb}, or null
     * @return the chosen databases, in pom order for {@code all} and patterns, in the given order otherwise
     */
    public static List<Choice> choose(List<String> declared, String selection) {
        String wanted = selection == null ? "" : selection.strip();
        if (wanted.isEmpty()) {
            if (declared.size() == 1) {
                return List.of(new Choice(declared.get(0), List.of()));
            }
            throw new SetupException("Several databases are declared (" + String.join(", ", declared)
                    + "); choose with -Ddb=ID, a comma list, a pattern such as tenant-*, or -Ddb=all.");
        }
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String part : wanted.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String id = slash < 0 ? entry : entry.substring(0, slash);
            List<String> matching = entry.equals("all")
                    ? declared
                    : declared.stream()
                            .filter(d -> isPattern(id) ? matches(id, d) : d.equals(id))
                            .toList();
            if (matching.isEmpty()) {
                unknown.add(entry);
            }
            for (String match : matching) {
                List<String> members = chosen.computeIfAbsent(match, k -> new ArrayList<>());
                if (slash >= 0) {
                    members.add(entry.substring(slash + 1));
                } else {
                    chosen.put(match, new ArrayList<>(List.of("*")));
                }
            }
        }
        if (!unknown.isEmpty() || chosen.isEmpty()) {
            throw new SetupException((unknown.size() == 1 && isPattern(unknown.get(0))
                            ? "The pattern " + unknown.get(0) + " in -Ddb=" + wanted + " matches no declared database"
                            : "Unknown database id" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                                    + " in -Ddb=" + wanted)
                    + "; declared: " + String.join(", ", declared) + ".");
        }
        List<Choice> choices = new ArrayList<>();
        chosen.forEach(
                (id, members) -> choices.add(new Choice(id, members.contains("*") ? List.of() : List.copyOf(members))));
        return choices;
    }

    /** The ids {@link #choose} picks, for callers that do not discover. */
    public static List<String> select(List<String> declared, String selection) {
        return choose(declared, selection).stream().map(Choice::id).toList();
    }

    /** The declared id of a selected database: {@code tenants/shop_1} comes from {@code tenants}. */
    public static String declaredId(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }
}
