package io.github.dbmig.rehearse;

import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.schema.SchemaDrift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which differences each undo introduced. Undos run newest first: after undoing a script, the schema is compared with
 * the schema before that script was applied, and every difference that a later script's undo (run before it) already
 * left, and that is still there unchanged, is that later script's, not this one's. So with script 2's undo correct and
 * script 3's forgetting a column, only script 3 is charged with the column.
 * <p>
 * A difference is one fingerprint entry (a column, an index, a function body …) whose value after the undo is not the
 * value before the script. It is inherited from a later script's undo when that undo was charged with the same entry,
 * the entry had the same value before both scripts (the scripts in between did not touch it), and it still has the
 * value that undo left.
 */
final class UndoCharges {

    /** An entry an undo was charged with: its value before the script, and what the undo left (null: absent). */
    private record Charge(String key, String before, String left) {}

    private final List<Charge> charged = new ArrayList<>();

    /**
     * Records one undo, in the order they run (newest script first), and returns the differences it introduced, worded
     * as verify words drift; empty when it brought the schema back as far as it is responsible for.
     *
     * @param before the schema before its script was applied
     * @param after  the schema after its undo
     */
    List<String> undone(Fingerprint before, Fingerprint after) {
        Map<String, String> was = before.entries();
        Map<String, String> is = after.entries();
        TreeSet<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(is.keySet());
        Map<String, String> ownBefore = new TreeMap<>();
        Map<String, String> ownAfter = new TreeMap<>();
        List<Charge> own = new ArrayList<>();
        for (String key : keys) {
            String b = was.get(key);
            String a = is.get(key);
            if (Objects.equals(b, a) || inherited(key, b, a)) {
                continue;
            }
            own.add(new Charge(key, b, a));
            if (b != null) {
                ownBefore.put(key, b);
            }
            if (a != null) {
                ownAfter.put(key, a);
            }
        }
        charged.addAll(own);
        return SchemaDrift.between(new Fingerprint(ownBefore), new Fingerprint(ownAfter));
    }

    private boolean inherited(String key, String before, String left) {
        return charged.stream()
                .anyMatch(c ->
                        c.key().equals(key) && Objects.equals(c.before(), before) && Objects.equals(c.left(), left));
    }
}
