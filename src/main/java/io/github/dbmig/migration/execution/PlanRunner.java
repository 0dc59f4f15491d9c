package io.github.dbmig.migration.execution;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.ChangeRecorder;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.Fingerprints;
import io.github.dbmig.migration.tables.Leftovers;
import io.github.dbmig.migration.tables.Provenance;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptId;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static io.github.dbmig.errors.Messages.about;

/**
 * Runs a plan, in either direction, one script part after another, each with its changelog row and history row.
 * The schema fingerprint that {@code verify} compares with always describes what the changelog says is applied: it
 * is recorded with the last script of a run, before a script that runs outside a transaction, and after a failure
 * that rolled a script back.
 */
public final class PlanRunner {

    private static final long FIRST_LOCK_BACKOFF_MILLIS = 1000;

    private final DatabaseSession session;
    private final ChangeRecorder recorder;
    private final Log log;
    private final BooleanSupplier stopRequested;
    private ScriptObserver observer = ScriptObserver.NONE;

    /**
     * @param backup        the backup taken before this run, recorded on its history rows; or null
     * @param stopRequested asked before each script: true when the build is being interrupted
     */
    public PlanRunner(
            DatabaseSession session, Provenance provenance, String backup, Log log, BooleanSupplier stopRequested) {
        this.session = session;
        this.recorder = new ChangeRecorder(session.tables(), provenance, backup);
        this.log = log;
        this.stopRequested = stopRequested;
    }

    /** Lets {@code observer} watch each script of the next run (a rehearsal's probes). */
    public PlanRunner observedBy(ScriptObserver observer) {
        this.observer = observer;
        return this;
    }

    /** @return the ids applied or undone, in order */
    public List<ScriptId> run(Plan plan, DatabaseState state) {
        ScriptExecutor executor = new ScriptExecutor(session, log, FIRST_LOCK_BACKOFF_MILLIS);
        Fingerprints fingerprints = new Fingerprints(session);
        List<ScriptId> newestFirst = state.newestFirst();
        List<ScriptId> done = new ArrayList<>();
        boolean referenceCurrent = state.fingerprintRecorded();
        ParsedScript last = plan.steps().get(plan.steps().size() - 1);
        for (ParsedScript script : plan.steps()) {
            if (stopRequested.getAsBoolean()) {
                throw new RunFailure(
                        about(id()) + "interrupted; no further script was started. "
                                + stateAfterFailure(plan, done, newestFirst)
                                        .replace("It was rolled back; database", "Database"),
                        null,
                        plan.after(done.size(), newestFirst),
                        done.size(),
                        true);
            }
            ScriptId id = script.file().id();
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            ScriptExecutor.Change record = c -> {
                String fingerprint = script == last ? fingerprints.record() : null;
                if (plan.direction() == Plan.Direction.UP) {
                    recorder.applied(c, script.file(), script.checksum(), startedAt, fingerprint);
                } else {
                    recorder.undone(c, id, script.checksum(), startedAt, fingerprint);
                }
            };
            String action = plan.direction() == Plan.Direction.UP ? "up" : "down";
            try {
                observer.before(script, plan.direction(), session.connection());
                session.connection().commit();
                if (plan.outsideTransaction(script)) {
                    if (!referenceCurrent) {
                        // what the changelog says, before statements that cannot roll back
                        fingerprints.recordAndCommit();
                        referenceCurrent = true;
                    }
                    log.detail(
                            "Running " + script.file().fileName() + " outside a transaction, statement by statement.");
                    executor.runWithoutTransaction(
                            script,
                            plan.part(script),
                            plan.direction().part(),
                            c -> recorder.running(c, id, action, script.checksum()),
                            record,
                            (c, detail) -> recorder.failed(
                                    c,
                                    id,
                                    script.checksum(),
                                    startedAt,
                                    (plan.direction() == Plan.Direction.UP ? "" : "undo ") + detail),
                            () -> stateAfterPartialFailure(plan, done, newestFirst));
                } else {
                    ScriptExecutor.Rows rows = c -> {
                        List<String> sql = new ArrayList<>();
                        String fingerprint = null;
                        if (script == last) {
                            Fingerprint now = fingerprints.current();
                            sql.addAll(fingerprints.recordStatements(now));
                            fingerprint = now.hash();
                        }
                        sql.addAll(
                                plan.direction() == Plan.Direction.UP
                                        ? recorder.appliedStatements(script.file(), script.checksum(), fingerprint)
                                        : recorder.undoneStatements(id, script.checksum(), fingerprint));
                        return sql;
                    };
                    executor.runInTransaction(
                            script,
                            plan.part(script),
                            plan.direction().part(),
                            script == last || observer != ScriptObserver.NONE,
                            c -> observer.beforeCommit(script, plan.direction(), c),
                            rows,
                            () -> stateAfterFailure(plan, done, newestFirst));
                }
                observer.after(
                        script, plan.direction(), (System.nanoTime() - started) / 1_000_000, session.connection());
                session.connection().commit();
            } catch (RunFailure.AppliedThenBroken e) {
                done.add(id);
                throw new RunFailure(
                        e.getMessage(), e.getCause(), plan.after(done.size(), newestFirst), done.size(), false);
            } catch (MigrationFailedException e) {
                if (!plan.outsideTransaction(script) && (!done.isEmpty() || !referenceCurrent)) {
                    recordReferenceAfterFailure(fingerprints);
                }
                throw new RunFailure(
                        e.getMessage(), e.getCause(), plan.after(done.size(), newestFirst), done.size(), false);
            } catch (SQLException e) {
                throw new RunFailure(
                        about(id()) + "dbmig's own work around "
                                + script.file().path() + " failed: " + e.getMessage() + "\n"
                                + stateAfterFailure(plan, done, newestFirst),
                        e,
                        plan.after(done.size(), newestFirst),
                        done.size(),
                        false);
            }
            done.add(id);
            referenceCurrent = false;
            log.info(plan.direction().past() + " " + script.file().fileName()
                    + (plan.direction() == Plan.Direction.UP ? " to " : " on ") + id() + " ("
                    + (System.nanoTime() - started) / 1_000_000 + " ms)");
        }
        Optional<ScriptId> now = plan.after(done.size(), newestFirst);
        log.info(
                plan.direction() == Plan.Direction.UP
                        ? about(id()) + "applied " + done.size() + " script(s), now at "
                                + now.map(ScriptId::toString).orElse("none") + "."
                        : about(id()) + "undid " + done.size() + " script(s); "
                                + now.map(n -> "now at " + n).orElse("no script is applied now") + ".");
        return done;
    }

    private void recordReferenceAfterFailure(Fingerprints fingerprints) {
        try {
            fingerprints.recordAndCommit();
        } catch (SQLException e) {
            log.debug("Could not record the schema fingerprint after the failure: " + e.getMessage());
        }
    }

    /** After a script that ran in a transaction failed: it was rolled back. */
    private String stateAfterFailure(Plan plan, List<ScriptId> done, List<ScriptId> newestFirst) {
        Optional<ScriptId> at = plan.after(done.size(), newestFirst);
        String verb = plan.direction().participle();
        return "It was rolled back; database " + id() + " is "
                + at.map(n -> "at " + n).orElse("as it was, with no script applied")
                + (done.isEmpty()
                        ? " (nothing was " + verb + " by this run)."
                        : " (" + done.size() + " script(s) " + verb + " by this run before it stay " + verb + ").");
    }

    /** After a script outside a transaction failed part-way: some of its statements stay. */
    private String stateAfterPartialFailure(Plan plan, List<ScriptId> done, List<ScriptId> newestFirst) {
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
