package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.execution.PlanRunner;
import io.github.dbmig.migration.plan.DryRun;
import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.migration.plan.Planner;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.status.VerifyScripts;
import io.github.dbmig.migration.tables.Bookkeeping;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.Tags;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptParser;
import io.github.dbmig.script.ScriptSet;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.github.dbmig.errors.Messages.about;

/**
 * The goals that run scripts, upgrade and downgrade, with their rules: take dbmig's lock, read where the database
 * stands, plan with every check, back up only when something will change, create dbmig's tables only after the backup,
 * run. A dry run is the same plan, rendered instead of run.
 */
final class Changes {

    private final Database database;
    private final RunContext context;
    private final Log log;
    private final Scripts scripts;

    Changes(Database database, RunContext context, Scripts scripts) {
        this.database = database;
        this.context = context;
        this.log = context.log();
        this.scripts = scripts;
    }

    /**
     * Applies pending scripts as {@code request} says, in id order, each in one transaction with its changelog row:
     * all of them, up to a target, or up to the one a tag names on this database (tags stay when scripts are undone).
     * A release tag is checked with every other check, before the backup and the first script, and recorded on the
     * script the run ended at, under the same lock.
     *
     * @return what it did (nothing for a dry run); a failure once the database's state was read is in the outcome,
     *     with where it left the database
     */
    Outcome upgrade(UpgradeRequest request) {
        String tag = checkedTag(request.target(), request.tag());
        Function<DatabaseState, ScriptId> target =
                tag == null ? state -> request.target() : state -> Tags.resolve(database.id(), state.tags(), tag);
        String release = request.releaseTag();
        ScriptParser parser = scripts.parser();
        return change(
                "upgrade",
                request.dryRun(),
                (session, state, set) -> {
                    Plan plan =
                            new Planner(session, set, parser).upgrade(state, target.apply(state), request.outOfOrder());
                    if (release != null) {
                        Optional<ScriptId> end = plan.after(plan.steps().size(), state.newestFirst());
                        Tags.checkRelease(database.id(), state.tags(), release, end);
                        if (request.dryRun()) {
                            log.info("Dry run: the release tag " + release + " would name script " + end.orElseThrow()
                                    + ".");
                        }
                    }
                    return plan;
                },
                (session, set, state, done, now) -> {
                    List<String> failures = VerifyScripts.run(session.connection(), set.directory(), parser, log);
                    if (!failures.isEmpty()) {
                        throw new MigrationFailedException(about(database.id()) + done.size()
                                + " script(s) applied and kept, but " + failures.size()
                                + " verify script(s) failed:\n  "
                                + String.join("\n  ", failures)
                                + (release == null ? "" : "\nThe release tag " + release + " was not recorded."));
                    }
                    if (release != null) {
                        new Tags(session.tables())
                                .tag(
                                        session,
                                        now.orElseThrow(),
                                        state.tags().get(release),
                                        release,
                                        false,
                                        context.provenance(),
                                        log);
                    }
                });
    }

    private static String checkedTag(ScriptId target, String tag) {
        if (tag != null && !tag.isBlank() && target != null) {
            throw new SetupException(
                    "-Ddbmig.tag=" + tag.strip() + " and -Ddbmig.target=" + target + " are both set; give one.");
        }
        return tag == null || tag.isBlank() ? null : tag.strip();
    }

    /**
     * Runs undo parts, newest first, each in one transaction with the removal of its changelog row: down to a target,
     * a number of steps, or the script a tag names.
     */
    Outcome downgrade(DowngradeRequest request) {
        String tag = checkedTag(request.target(), request.tag());
        if (tag != null && request.steps() != null) {
            throw new SetupException(
                    "-Ddbmig.tag=" + tag + " and -Ddbmig.steps=" + request.steps() + " are both set; give one.");
        }
        Function<DatabaseState, ScriptId> target =
                tag == null ? state -> request.target() : state -> Tags.resolve(database.id(), state.tags(), tag);
        ScriptParser parser = scripts.parser();
        return change(
                "downgrade",
                request.dryRun(),
                (session, state, set) ->
                        new Planner(session, set, parser).downgrade(state, target.apply(state), request.steps()),
                (session, set, state, done, now) -> {});
    }

    @FunctionalInterface
    private interface Planning {
        Plan plan(DatabaseSession session, DatabaseState state, ScriptSet scripts) throws SQLException;
    }

    /** What follows a run that went through, under the same lock: {@code now} is the newest applied script. */
    @FunctionalInterface
    private interface AfterRun {
        void run(
                DatabaseSession session,
                ScriptSet scripts,
                DatabaseState before,
                List<ScriptId> done,
                Optional<ScriptId> now)
                throws SQLException;
    }

    /** Lock, read, plan, back up, create dbmig's tables, run: in this order, and only as far as needed. */
    private Outcome change(String goal, boolean dryRun, Planning planning, AfterRun after) {
        Outcome[] reached = new Outcome[1];
        boolean[] started = new boolean[1];
        try {
            return Sessions.locked(
                    database,
                    context,
                    scripts,
                    !dryRun,
                    goal,
                    () -> started[0] ? "" : " Nothing was changed by this run.",
                    (session, state, set) -> {
                        Plan plan = planning.plan(session, state, set);
                        plan.warnings().forEach(log::warn);
                        reached[0] = Outcome.at(state.newest(), null);
                        if (dryRun) {
                            DryRunFile.write(
                                    context, database, DryRun.of(database.id(), goal, plan, session.tables(), state));
                            return reached[0];
                        }
                        if (plan.isEmpty()) {
                            log.info(nothingToDo(goal, state));
                            after.run(session, set, state, List.of(), state.newest());
                            return reached[0];
                        }
                        String backup = backupBeforeChange(state);
                        reached[0] = Outcome.at(state.newest(), backup);
                        Bookkeeping.createMissing(session, state, log);
                        started[0] = true;
                        List<ScriptId> done = new PlanRunner(
                                        session, context.provenance(), backup, log, context::stopRequested)
                                .syncingEachScript(context.syncEachScript())
                                .run(plan, state);
                        Optional<ScriptId> now = plan.after(done.size(), state.newestFirst());
                        reached[0] = new Outcome(state.newest(), now, done, backup, null);
                        after.run(session, set, state, done, now);
                        return reached[0];
                    });
        } catch (DbmigException e) {
            if (reached[0] == null) {
                throw e; // before the database's state was read: nothing to say about where it stands
            }
            return reached[0].failed(e);
        }
    }

    private String nothingToDo(String goal, DatabaseState state) {
        if (goal.equals("upgrade")) {
            return "Database " + database.id() + " is up to date"
                    + state.newest().map(n -> " at " + n).orElse("") + "; nothing to apply.";
        }
        return about(database.id()) + "nothing to downgrade; "
                + state.newest().map(n -> n + " is the newest applied.").orElse("no script is applied.");
    }

    /** The rule: a database that is about to change is backed up first, unless backups before change are off. */
    private String backupBeforeChange(DatabaseState state) {
        if (context.skipBackup() || !database.backup().beforeChange()) {
            return null;
        }
        log.info("Database " + database.id() + " is about to change: backing it up first.");
        return new Backups(database, context)
                .backup(state.newest().map(ScriptId::toString).orElse(null))
                .path()
                .toString();
    }
}
