package io.github.dbmig.migration.execution;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.ChangeRecorder;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.Fingerprints;
import io.github.dbmig.migration.tables.Provenance;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptId;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.github.dbmig.errors.Messages.about;

/**
 * Runs a plan, in either direction, each script part with its changelog row and history row: the transactional ones
 * in flights of many scripts per round trip ({@link ScriptExecutor}), each committed without waiting for the disk but
 * the last, which does ({@link Commits}). The schema fingerprint that {@code verify} compares with always describes
 * what the changelog says is applied: it is recorded with the last script of a run, before a script that runs outside
 * a transaction, and after a failure or an interruption.
 */
public final class PlanRunner {

    private static final long FIRST_LOCK_BACKOFF_MILLIS = 1000;

    private final DatabaseSession session;
    private final ChangeRecorder recorder;
    private final Log log;
    private final BooleanSupplier stopRequested;
    private ScriptObserver observer = ScriptObserver.NONE;
    private boolean syncEach;

    /**
     * @param backup        the backup taken before this run, recorded on its history rows; or null
     * @param stopRequested asked before each flight of scripts: true when the build is being interrupted
     */
    public PlanRunner(
            DatabaseSession session, Provenance provenance, String backup, Log log, BooleanSupplier stopRequested) {
        this.session = session;
        this.recorder = new ChangeRecorder(session.tables(), provenance, backup);
        this.log = log;
        this.stopRequested = stopRequested;
    }

    /** Lets {@code observer} watch each script of the next run (a rehearsal's probes): one script per flight. */
    public PlanRunner observedBy(ScriptObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Makes every script's COMMIT wait for the disk ({@code <syncEachScript>}), not only the run's last. */
    public PlanRunner syncingEachScript(boolean each) {
        this.syncEach = each;
        return this;
    }

    /** @return the ids applied or undone, in order */
    public List<ScriptId> run(Plan plan, DatabaseState state) {
        ScriptExecutor executor = new ScriptExecutor(session, log);
        LockRetry retry = new LockRetry(log, FIRST_LOCK_BACKOFF_MILLIS);
        Fingerprints fingerprints = new Fingerprints(session);
        RunProgress progress = new RunProgress(session, log, plan, state.newestFirst());
        boolean referenceCurrent = state.fingerprintRecorded();
        List<ParsedScript> steps = plan.steps();
        int attempt = 1;
        for (int i = 0; i < steps.size(); ) {
            if (stopRequested.getAsBoolean()) {
                String durable = endDurably(fingerprints, progress);
                throw progress.failure(
                        about(id()) + "interrupted; no further script was started. "
                                + progress.afterFailure().replace("It was rolled back; database", "Database")
                                + durable,
                        null,
                        true);
            }
            ParsedScript script = steps.get(i);
            try {
                if (plan.outsideTransaction(script)) {
                    if (!referenceCurrent) {
                        // what the changelog says, before statements that cannot roll back
                        fingerprints.recordAndCommit();
                    }
                    long millis = new OutsideRun(session, recorder, fingerprints, observer, log)
                            .run(plan, script, i == steps.size() - 1, retry, progress);
                    progress.applied(script, millis);
                    referenceCurrent = false;
                    i++;
                    continue;
                }
                List<ParsedScript> flight = flightFrom(plan, i, executor);
                boolean end = i + flight.size() == steps.size();
                boolean observed = observer != ScriptObserver.NONE;
                if (observed) {
                    observer.before(script, plan.direction(), session.connection());
                }
                session.connection().commit();
                ScriptExecutor.Landing landing = executor.run(
                        new ScriptExecutor.Flight(
                                flight, flight.stream().map(plan::part).toList(), end || observed, end, syncEach),
                        c -> observer.beforeCommit(flight.get(flight.size() - 1), plan.direction(), c),
                        new RunRows(plan, recorder, fingerprints, steps.get(steps.size() - 1)));
                for (int k = 0; k < landing.committed(); k++) {
                    progress.applied(flight.get(k), landing.millis()[k]);
                }
                if (landing.committed() > 0) {
                    referenceCurrent = false;
                    progress.committed(!syncEach && !(end && landing.failure() == null));
                    attempt = 1;
                }
                i += landing.committed();
                if (landing.failure() == null) {
                    if (observed) {
                        observer.after(script, plan.direction(), landing.millis()[0], session.connection());
                        session.connection().commit();
                    }
                    continue;
                }
                ScriptExecutor.Stop stop = landing.failure();
                ParsedScript failed = flight.get(stop.script());
                if (stop.batch() != null && stop.batch().inRestore()) {
                    throw progress.appliedThenBroken(failed, stop.cause());
                }
                if (stop.batch() != null && stop.batch().inMarker()) {
                    continue; // PL/pgSQL is missing: the rest goes one script per flight
                }
                if (ScriptFailure.isLockTimeout(stop.cause()) && attempt < LockRetry.ATTEMPTS) {
                    retry.pause(
                            failed, stop.batch() == null ? null : stop.batch().statement(), attempt++);
                    continue;
                }
                String durable = progress.done() > 0 || !referenceCurrent ? endDurably(fingerprints, progress) : "";
                throw progress.failure(
                        ScriptFailure.describe(
                                        id(),
                                        failed,
                                        plan.direction().part(),
                                        stop.batch() == null
                                                ? null
                                                : stop.batch().statement(),
                                        stop.batch() != null && stop.batch().inCommit(),
                                        stop.cause())
                                + ScriptFailure.lockAdvice(stop.cause(), attempt)
                                + "\n" + progress.afterFailure() + durable,
                        stop.cause(),
                        false);
            } catch (RunFailure e) {
                throw e;
            } catch (MigrationFailedException e) { // a script outside a transaction failed
                throw progress.failure(e.getMessage(), e.getCause(), false);
            } catch (SQLException e) {
                throw progress.failure(
                        about(id()) + "dbmig's own work around " + script.file().path() + " failed: " + e.getMessage()
                                + "\n" + progress.afterFailure(),
                        e,
                        false);
            }
        }
        log.info(progress.summary());
        return progress.ids();
    }

    /**
     * The transactional scripts from step {@code from} on that go out together: up to the next script outside a
     * transaction, as many as fit in one round trip ({@link ScriptExecutor#FLIGHT_ENTRIES}); one when an observer
     * watches each script or PL/pgSQL is missing.
     */
    private List<ParsedScript> flightFrom(Plan plan, int from, ScriptExecutor executor) {
        List<ParsedScript> flight = new ArrayList<>();
        int entries = 0;
        for (ParsedScript script : plan.steps().subList(from, plan.steps().size())) {
            int size = plan.part(script).statements().size() + ScriptExecutor.OWN_ENTRIES;
            boolean alone = observer != ScriptObserver.NONE || !executor.sharesFlights();
            if (plan.outsideTransaction(script)
                    || (!flight.isEmpty() && (alone || entries + size > ScriptExecutor.FLIGHT_ENTRIES))) {
                break;
            }
            flight.add(script);
            entries += size;
        }
        return flight;
    }

    /**
     * Records the schema's fingerprint as the reference in a commit that waits for the disk, so that the scripts this
     * run committed without waiting are durable before the failure is reported; returns what the message must add
     * when that could not be done.
     */
    private String endDurably(Fingerprints fingerprints, RunProgress progress) {
        try {
            try (Statement statement = session.connection().createStatement()) {
                statement.execute(Commits.DURABLE);
            }
            fingerprints.recordAndCommit();
            progress.durable();
            return "";
        } catch (SQLException e) {
            log.debug("Could not record the schema fingerprint after the failure: " + e.getMessage());
            return progress.notDurable();
        }
    }

    private String id() {
        return session.database().id();
    }

    /** dbmig's rows for each script of a flight: the last script of the run also records the fingerprint. */
    private record RunRows(Plan plan, ChangeRecorder recorder, Fingerprints fingerprints, ParsedScript last)
            implements ScriptExecutor.Rows {
        @Override
        public List<String> statements(ParsedScript script, Connection connection) throws SQLException {
            List<String> sql = new ArrayList<>();
            String fingerprint = null;
            if (script == last) {
                Fingerprint now = fingerprints.current();
                sql.addAll(fingerprints.recordStatements(now));
                fingerprint = now.hash();
            }
            ScriptId id = script.file().id();
            sql.addAll(
                    plan.direction() == Plan.Direction.UP
                            ? recorder.appliedStatements(script.file(), script.checksum(), fingerprint)
                            : recorder.undoneStatements(id, script.checksum(), fingerprint));
            return sql;
        }
    }
}
