package io.github.dbmig.rehearse;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.goal.Scripts;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.execution.PlanRunner;
import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.migration.plan.Planner;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.status.Verifier;
import io.github.dbmig.migration.tables.Bookkeeping;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.Fingerprints;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.schema.SchemaDrift;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptParser;
import io.github.dbmig.script.ScriptSet;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

import static io.github.dbmig.errors.Messages.about;

/**
 * What a rehearsal does on the scratch copy: apply the pending scripts (each probed for its locks and rows), run the
 * checks of verify, undo back to where the database was (each undo compared with the schema before its script), and
 * apply again (compared with the first upgrade). With nothing pending and {@code last} set, the newest scripts are
 * first undone, then rehearsed the same way.
 */
final class RehearsalSteps {

    /** The property that says how many scripts a rehearsal with nothing pending takes round. */
    private static final String LAST = "dbmig.rehearse.last";

    private final Database production;
    private final RunContext context;
    private final Log log;
    private final ScriptSet scripts;
    private final ScriptParser parser;
    private final Integer last;
    private final RehearsalReport report;
    private Optional<ScriptId> from = Optional.empty();
    private String copyId;
    private int pending;

    RehearsalSteps(Database production, RunContext context, Scripts source, Integer last) {
        this.production = production;
        this.context = context;
        this.log = context.log();
        this.scripts = source.scan();
        this.parser = source.parser();
        this.last = last;
        this.report = new RehearsalReport(production.id());
    }

    /** Plans on the database itself, reading only; false when there is nothing to rehearse. */
    boolean plan(DatabaseSession session, DatabaseState state) throws SQLException {
        Plan plan = new Planner(session, scripts, parser).upgrade(state, null, false);
        plan.warnings().forEach(log::warn);
        from = state.newest();
        pending = plan.steps().size();
        if (pending > 0 || last != null) {
            if (pending == 0 && last > state.applied().size()) {
                throw new SetupException("-Ddbmig.rehearse.last=" + last + " but only "
                        + state.applied().size() + " script(s) are applied to " + production.id() + ".");
            }
            if (pending == 0) {
                // every script of the round trip has an undo part and its roles exist: known before anything is dumped
                new Planner(session, scripts, parser).downgrade(state, null, last, LAST);
            }
            return true;
        }
        report.note("Nothing is pending on " + production.id() + (from.isPresent() ? " (at " + from.get() + ")" : "")
                + ", so there is nothing to rehearse; -Ddbmig.rehearse.last=N rehearses the round trip of the"
                + " newest N scripts.");
        log.info(report.lines().get(0) + ": " + "nothing pending.");
        return false;
    }

    /**
     * Rehearses on the copy; {@code copy}'s id names it as the copy in every line that the steps log about it
     * ({@link Database#copyAs}).
     */
    void rehearse(Database copy, Path backup, String scratch) {
        copyId = copy.id();
        try (DatabaseSession session = DatabaseSession.open(copy)) {
            Planner planner = new Planner(session, scripts, parser);
            Optional<ScriptId> start = from;
            if (pending == 0) {
                DatabaseState state = DatabaseState.read(session);
                Plan back = planner.downgrade(state, null, last, LAST);
                runner(session).run(back, state);
                start = back.after(last, state.newestFirst());
                report.note("Nothing is pending on " + production.id() + "; the round trip of its newest " + last
                        + " script(s) was rehearsed.");
            }
            DatabaseState state = DatabaseState.read(session);
            Probes probes = new Probes(session, Probes.rowsOf(session));
            Fingerprints fingerprints = new Fingerprints(session);
            Bookkeeping.createMissing(session, state, log);
            Plan up = planner.upgrade(DatabaseState.read(session), null, false);
            String step = "applying the pending scripts";
            try {
                runner(session).observedBy(probes).run(up, DatabaseState.read(session));
                report.verifyProblems(
                        new Verifier(session, log).problems(DatabaseState.read(session), scripts, parser, null));
                Fingerprint upgraded = fingerprints.current();
                DatabaseState top = DatabaseState.read(session);
                step = "undoing them";
                Plan down = planner.downgrade(top, start.orElse(ScriptId.ZERO), null);
                runner(session).observedBy(probes).run(down, top);
                step = "applying them again";
                Plan again = planner.upgrade(DatabaseState.read(session), null, false);
                runner(session).run(again, DatabaseState.read(session));
                report.secondUpgradeDifferences(SchemaDrift.between(upgraded, fingerprints.current()));
            } catch (MigrationFailedException e) {
                report.failure(step + " failed: " + cause(e.getMessage()));
            }
            report.scripts(probes.seen());
            report.source(
                    backup.getFileName().toString(),
                    scratch,
                    start.map(Object::toString).orElse(null),
                    scripts.newestId().map(Object::toString).orElse(null));
        } catch (SQLException e) {
            report.failure("talking to the scratch database failed: " + e.getMessage());
        }
    }

    private PlanRunner runner(DatabaseSession session) {
        return new PlanRunner(session, context.provenance(), null, log, context::stopRequested)
                .syncingEachScript(context.syncEachScript());
    }

    void kept(boolean kept) {
        report.kept(kept);
    }

    RehearsalReport report(long started) {
        report.took((System.nanoTime() - started) / 1_000_000);
        return report;
    }

    /** A script's failure in two lines' worth: where, and PostgreSQL's message. */
    private String cause(String message) {
        if (message == null) {
            return "no message";
        }
        String[] lines = message.replace(about(copyId != null ? copyId : production.id()), "")
                .split("\n");
        return lines.length > 1 && lines[1].startsWith("  ") ? lines[0] + ": " + lines[1].strip() : lines[0];
    }
}
