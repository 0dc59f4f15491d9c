package io.github.dbmig.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The differences between a recorded fingerprint and the schema as it is now, as sentences. */
public final class SchemaDrift {

    private static final int SHOWN_VALUE_LENGTH = 80;

    private SchemaDrift() {}

    /**
     * @return one line per difference, e.g. {@code table app.people: column nickname added (text)},
     *         {@code function app.touch(text): body changed}; empty when the schema matches
     */
    public static List<String> between(Fingerprint recorded, Fingerprint now) {
        Map<String, String> before = recorded.entries();
        Map<String, String> after = now.entries();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String key : keys) {
            String was = before.get(key);
            String is = after.get(key);
            if (was == null) {
                changes.add(key + " added" + shown(is));
            } else if (is == null) {
                changes.add(key + " removed");
            } else if (!was.equals(is)) {
                // a body is kept as a hash: saying that it changed is all there is to say
                boolean shortValues = !key.endsWith(": body")
                        && was.length() <= SHOWN_VALUE_LENGTH
                        && is.length() <= SHOWN_VALUE_LENGTH
                        && !was.contains("\n")
                        && !is.contains("\n");
                changes.add(key + " changed" + (shortValues ? " (" + was + " -> " + is + ")" : ""));
            }
        }
        return changes;
    }

    private static String shown(String value) {
        return value.isEmpty() || value.length() > SHOWN_VALUE_LENGTH || value.contains("\n") ? "" : " (" + value + ")";
    }
}
