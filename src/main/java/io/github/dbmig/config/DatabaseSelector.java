package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code -Ddb} into the declared databases it names: one id, a comma list, or {@code all}; when only
 * one database is declared it is the default.
 */
public final class DatabaseSelector {

    private DatabaseSelector() {
    }

    /**
     * @param declared  the declared ids, in pom order: at least one, each once
     * @param selection the value of {@code -Ddb}, or null
     * @return the selected ids, in pom order for {@code all} and in the given order otherwise
     */
    public static List<String> select(List<String> declared, String selection) {
        String wanted = selection == null ? "" : selection.strip();
        if (wanted.isEmpty()) {
            if (declared.size() == 1) {
                return List.of(declared.get(0));
            }
            throw new SetupException("Several databases are declared (" + String.join(", ", declared)
                    + "); choose with -Ddb=ID, a comma list, or -Ddb=all.");
        }
        if (wanted.equals("all")) {
            return List.copyOf(declared);
        }
        Set<String> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String part : wanted.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (declared.contains(id)) {
                chosen.add(id);
            } else {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty() || chosen.isEmpty()) {
            throw new SetupException("Unknown database id" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " in -Ddb=" + wanted + "; declared: " + String.join(", ", declared) + ".");
        }
        return List.copyOf(chosen);
    }
}
