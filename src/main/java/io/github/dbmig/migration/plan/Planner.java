package io.github.dbmig.migration.plan;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.Leftovers;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptParser;
import io.github.dbmig.script.ScriptSet;
import io.github.dbmig.script.SqlStatement;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.github.dbmig.errors.Messages.about;

/**
 * Decides what an upgrade or a downgrade will run, with every check that can be made before the first statement:
 * the target exists, no applied script changed, nothing out of order, every script reads and has what the run needs
 * (an undo part, no transaction control), every role exists. A dry run and a real run use the same plan.
 */
public final class Planner {

    /** The property that gives a downgrade's number of scripts, unless a caller names another. */
    private static final String STEPS = "dbmig.steps";

    private final DatabaseSession session;
    private final ScriptSet scripts;
    private final ScriptParser parser;

    public Planner(DatabaseSession session, ScriptSet scripts, ScriptParser parser) {
        this.session = session;
        this.scripts = scripts;
        this.parser = parser;
    }

    /**
     * @param target     the last script to apply, or null for all
     * @param outOfOrder apply never-applied scripts older than the newest applied one instead of refusing
     */
    public Plan upgrade(DatabaseState state, ScriptId target, boolean outOfOrder) throws SQLException {
        if (target != null) {
            requireScript(target, "dbmig.target");
        }
        List<String> warnings = new ArrayList<>(missingFiles(state));
        refuseChangedScripts(state);
        List<ScriptFile> pending = scripts.all().stream()
                .filter(s -> !state.applied().containsKey(s.id()))
                .filter(s -> target == null || s.id().compareTo(target) <= 0)
                .toList();
        Optional<ScriptId> newest = state.newest();
        List<ScriptFile> older = newest.map(n ->
                        pending.stream().filter(s -> s.id().compareTo(n) < 0).toList())
                .orElse(List.of());
        if (!older.isEmpty() && !outOfOrder) {
            throw new MigrationFailedException(about(id()) + older.size()
                    + " never-applied script(s) are older than the newest applied one (" + newest.get() + "):\n  "
                    + older.stream().map(s -> s.path().toString()).collect(Collectors.joining("\n  "))
                    + "\nNothing was applied. Apply them anyway with -Ddbmig.outOfOrder=true, or give them newer ids.");
        }
        List<ParsedScript> parsed = pending.stream().map(parser::parse).toList();
        parsed.forEach(p -> refuseTransactionControl(p, p.up().statements(), "up"));
        RoleCheck.check(session, parsed);
        if (!parsed.isEmpty()) {
            Leftovers.describe(state).forEach(line -> warnings.add(about(id()) + line));
        }
        return new Plan(Plan.Direction.UP, parsed, newest, warnings);
    }

    /**
     * @param target the id that is to remain the newest applied, {@link ScriptId#ZERO} for none; or null
     * @param steps  how many of the newest applied scripts to undo; or null
     */
    public Plan downgrade(DatabaseState state, ScriptId target, Integer steps) throws SQLException {
        return downgrade(state, target, steps, STEPS);
    }

    /**
     * As {@link #downgrade(DatabaseState, ScriptId, Integer)}, with {@code steps} given by another property
     * ({@code dbmig.rehearse.last}, say), which the messages then name.
     */
    public Plan downgrade(DatabaseState state, ScriptId target, Integer steps, String stepsProperty)
            throws SQLException {
        checkDowngradeArguments(target, steps);
        List<ScriptId> newestFirst = state.newestFirst();
        List<ParsedScript> undoable = parseUndoable(
                range(newestFirst, target, steps, stepsProperty),
                steps != null && !stepsProperty.equals(STEPS)
                        ? "choose a smaller -D" + stepsProperty
                        : "choose a target above these scripts");
        undoable.forEach(p -> refuseTransactionControl(p, p.undoPart().statements(), "undo"));
        RoleCheck.check(session, undoable);
        return new Plan(Plan.Direction.DOWN, undoable, state.newest(), List.of());
    }

    /** Fails naming the property when {@code id} is not the id of a script. */
    public void requireScript(ScriptId id, String property) {
        if (!scripts.contains(id)) {
            throw new SetupException("-D" + property + "=" + id + " is not the id of a script in " + scripts.directory()
                    + " (newest: " + scripts.newestId().map(ScriptId::toString).orElse("no scripts") + ").");
        }
    }

    private List<String> missingFiles(DatabaseState state) {
        return state.applied().values().stream()
                .filter(a -> !scripts.contains(a.id()))
                .map(a -> about(id()) + "applied script " + a.id() + " (" + a.description() + ") has no file in "
                        + scripts.directory() + ".")
                .toList();
    }

    /**
     * Applied scripts whose up part differs from the checksum recorded when they were applied or last stamped refuse
     * the run. Scripts applied before dbmig kept checksums (by MyBatis, say) have none and are not reported.
     */
    private void refuseChangedScripts(DatabaseState state) {
        List<ScriptFile> changed = ChangedScripts.find(scripts, state, parser.charset());
        if (changed.isEmpty()) {
            return;
        }
        throw new MigrationFailedException(about(id()) + changed.size()
                + " applied script(s) changed since they were applied:\n  "
                + changed.stream()
                        .map(s -> s.path() + " (applied "
                                + state.applied().get(s.id()).appliedAt() + ")")
                        .collect(Collectors.joining("\n  "))
                + "\nNothing was applied. Restore the file(s), or accept the change with"
                + " mvn dbmig:stamp -Ddbmig.target=" + state.newest().orElseThrow() + ".");
    }

    private static void checkDowngradeArguments(ScriptId target, Integer steps) {
        if ((target == null) == (steps == null)) {
            throw new SetupException(
                    "dbmig:downgrade needs exactly one of -Ddbmig.target=ID (go down until ID is the newest"
                            + " applied, 0 for everything) and -Ddbmig.steps=N.");
        }
        if (steps != null && steps < 1) {
            throw new SetupException("-Ddbmig.steps must be 1 or more, not " + steps + ".");
        }
    }

    private List<ScriptId> range(List<ScriptId> newestFirst, ScriptId target, Integer steps, String stepsProperty) {
        String applied = newestFirst.isEmpty() ? "none" : summarise(newestFirst);
        if (steps != null) {
            if (steps > newestFirst.size()) {
                throw new MigrationFailedException(about(id()) + "-D" + stepsProperty + "=" + steps + " but only "
                        + newestFirst.size() + " script(s) are applied (" + applied + "). Nothing was undone.");
            }
            return newestFirst.subList(0, steps);
        }
        if (!target.isZero() && !newestFirst.contains(target)) {
            throw new MigrationFailedException(about(id()) + "-Ddbmig.target=" + target
                    + " is not an applied script, so it cannot become the newest applied. Applied, newest first: "
                    + applied
                    + ". Use 0 to undo everything. Nothing was undone.");
        }
        return newestFirst.stream().filter(id -> id.compareTo(target) > 0).toList();
    }

    private List<ParsedScript> parseUndoable(List<ScriptId> range, String otherwise) {
        List<ParsedScript> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ScriptId id : range) {
            Optional<ScriptFile> file = scripts.find(id);
            if (file.isEmpty()) {
                problems.add(id + ": its script file is not in " + scripts.directory());
                continue;
            }
            ParsedScript script = parser.parse(file.get());
            if (!script.hasUndo()) {
                problems.add(file.get().path()
                        + (script.undo().isEmpty()
                                ? ": has no -- //@UNDO section"
                                : ": its -- //@UNDO section holds no statement")
                        + " (if there is nothing to undo, say so with the"
                        + " header line -- dbmig:undo=none)");
            }
            parsed.add(script);
        }
        if (!problems.isEmpty()) {
            throw new MigrationFailedException(about(id()) + "cannot downgrade, "
                    + problems.size() + " script(s) in the range cannot be undone:\n  " + String.join("\n  ", problems)
                    + "\nNothing was undone. Add the undo SQL, or " + otherwise + ".");
        }
        return parsed;
    }

    /** COMMIT or BEGIN inside a script would end dbmig's transaction early and break its all-or-nothing promise. */
    private static void refuseTransactionControl(ParsedScript script, List<SqlStatement> statements, String part) {
        for (SqlStatement statement : statements) {
            boolean control = statement.startsWith("BEGIN")
                    || statement.startsWith("START", "TRANSACTION")
                    || statement.startsWith("COMMIT")
                    || statement.startsWith("END")
                    || statement.startsWith("ABORT")
                    || (statement.startsWith("ROLLBACK") && !statement.startsWith("ROLLBACK", "TO"))
                    || statement.startsWith("PREPARE", "TRANSACTION");
            if (control) {
                throw new SetupException("Script " + script.file().path() + " line " + statement.line() + " (" + part
                        + " part): " + statement.summary()
                        + " controls the transaction, but dbmig runs each script in one"
                        + " transaction together with its changelog row. Remove it; nothing was run.");
            }
        }
    }

    private static String summarise(List<ScriptId> ids) {
        List<String> shown = ids.stream().limit(10).map(ScriptId::toString).toList();
        return String.join(", ", shown) + (ids.size() > 10 ? ", … (" + ids.size() + " in all)" : "");
    }

    private String id() {
        return session.database().id();
    }
}
