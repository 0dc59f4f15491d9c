package io.github.dbmig.migration.execution;

import io.github.dbmig.errors.Messages;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.Leftovers;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptId;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.github.dbmig.errors.Messages.about;

/**
 * What a run has done so far, and where that leaves the database, in words: each script applied or undone (with its
 * log line), whether some of them were committed without waiting for the disk since the last commit that waited, and
 * the messages that end a run that stopped part-way.
 */
final class RunProgress {

    private final DatabaseSession session;
    private final Log log;
    private final Plan plan;
    private final List<ScriptId> newestFirst;
    private final List<ScriptId> done = new ArrayList<>();
    private boolean notOnDisk;

    RunProgress(DatabaseSession session, Log log, Plan plan, List<ScriptId> newestFirst) {
        this.session = session;
        this.log = log;
        this.plan = plan;
        this.newestFirst = newestFirst;
    }

    /** {@code script} was applied (or undone) and recorded, in {@code millis}. */
    void applied(ParsedScript script, long millis) {
        done.add(script.file().id());
        log.info(plan.direction().past() + " " + script.file().fileName()
                + (plan.direction() == Plan.Direction.UP ? " to " : " on ") + id() + " (" + millis + " ms)");
    }

    /** Scripts were committed; {@code withoutWaiting} when their commits did not wait for the disk. */
    void committed(boolean withoutWaiting) {
        notOnDisk |= withoutWaiting;
    }

    /** A commit that waited for the disk: every commit before it is durable. */
    void durable() {
        notOnDisk = false;
    }

    /** What a failure message adds when the commit meant to make the run's work durable failed. */
    String notDurable() {
        return notOnDisk
                ? "\nThe scripts this run committed since its last commit that waited for the disk are durable once"
                        + " PostgreSQL has written them (within a second, unless the server itself stopped): run"
                        + " dbmig:status to see where database " + id() + " stands."
                : "";
    }

    int done() {
        return done.size();
    }

    List<ScriptId> ids() {
        return List.copyOf(done);
    }

    RunFailure failure(String message, Throwable cause, boolean interrupted) {
        return new RunFailure(message, cause, plan.after(done.size(), newestFirst), done.size(), interrupted);
    }

    /** {@code script} was applied and recorded, and only the reset of the session after it failed. */
    RunFailure appliedThenBroken(ParsedScript script, SQLException cause) {
        return failure(
                about(id()) + "script " + script.file().path()
                        + " was applied and recorded, but the session broke just after it: "
                        + Messages.firstLine(cause.getMessage()) + ". Nothing after it ran; run upgrade again to"
                        + " continue.",
                cause,
                false);
    }

    /** The line that ends a run that did all it was asked. */
    String summary() {
        Optional<ScriptId> now = plan.after(done.size(), newestFirst);
        return plan.direction() == Plan.Direction.UP
                ? about(id()) + "applied " + done.size() + " script(s), now at "
                        + now.map(ScriptId::toString).orElse("none") + "."
                : about(id()) + "undid " + done.size() + " script(s); "
                        + now.map(n -> "now at " + n).orElse("no script is applied now") + ".";
    }

    /** After a script that ran in a transaction failed: it was rolled back. */
    String afterFailure() {
        Optional<ScriptId> at = plan.after(done.size(), newestFirst);
        String verb = plan.direction().participle();
        return "It was rolled back; database " + id() + " is "
                + at.map(n -> "at " + n).orElse("as it was, with no script applied")
                + (done.isEmpty()
                        ? " (nothing was " + verb + " by this run)."
                        : " (" + done.size() + " script(s) " + verb + " by this run before it stay " + verb + ").");
    }

    /** After a script outside a transaction failed part-way: some of its statements stay. */
    String afterPartialFailure() {
        Optional<ScriptId> at = plan.after(done.size(), newestFirst);
        String verb = plan.direction().participle();
        StringBuilder text = new StringBuilder("Its changelog says database " + id() + " is "
                + at.map(n -> "at " + n).orElse("without any script applied")
                + (done.isEmpty()
                        ? "; no script before it was " + verb + " by this run."
                        : "; the " + done.size() + " script(s) " + verb + " by this run before it stay " + verb + "."));
        try {
            Leftovers.invalidIndexes(session).forEach(line -> text.append('\n').append(line));
        } catch (SQLException e) {
            // the connection is gone; the next run reports INVALID indexes
        }
        return text.toString();
    }

    private String id() {
        return session.database().id();
    }
}
