package io.github.dbmig.migration.plan;

import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.SqlPart;

import java.util.List;
import java.util.Optional;

/**
 * What a run will do to a database, decided before anything runs: the script parts in the order they run, in one
 * direction. A dry run renders it; a real run executes it.
 *
 * @param direction up (apply) or down (undo)
 * @param steps     the scripts, in the order they run
 * @param from      the newest applied script before the run, if any
 * @param warnings  what the checks found that does not stop the run, logged by real and dry runs alike
 */
public record Plan(Direction direction, List<ParsedScript> steps, Optional<ScriptId> from, List<String> warnings) {

    /** Which part of each script runs, and what happens to its changelog row. */
    public enum Direction {
        UP("up", "apply", "Applied", "applied"),
        DOWN("undo", "undo", "Undid", "undone");

        private final String part;
        private final String verb;
        private final String past;
        private final String participle;

        Direction(String part, String verb, String past, String participle) {
            this.part = part;
            this.verb = verb;
            this.past = past;
            this.participle = participle;
        }

        /** "up" or "undo": the part of the script that runs. */
        public String part() {
            return part;
        }

        /** "apply" or "undo". */
        public String verb() {
            return verb;
        }

        /** "Applied" or "Undid". */
        public String past() {
            return past;
        }

        /** "applied" or "undone". */
        public String participle() {
            return participle;
        }
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The part of {@code script} this plan runs. */
    public SqlPart part(ParsedScript script) {
        return direction == Direction.UP ? script.up() : script.undoPart();
    }

    /** Whether that part must run outside a transaction. */
    public boolean outsideTransaction(ParsedScript script) {
        return direction == Direction.UP ? script.upIsNonTransactional() : script.undoIsNonTransactional();
    }

    /** The newest applied script once the plan has run through {@code done} steps, or empty for none. */
    public Optional<ScriptId> after(int done, List<ScriptId> appliedNewestFirst) {
        if (direction == Direction.UP) {
            Optional<ScriptId> newest = from;
            for (ParsedScript script : steps.subList(0, done)) {
                ScriptId id = script.file().id();
                newest = newest.isEmpty() || id.compareTo(newest.get()) > 0 ? Optional.of(id) : newest;
            }
            return newest;
        }
        return appliedNewestFirst.size() > done ? Optional.of(appliedNewestFirst.get(done)) : Optional.empty();
    }
}
