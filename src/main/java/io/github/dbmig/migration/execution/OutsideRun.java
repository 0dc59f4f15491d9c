package io.github.dbmig.migration.execution;

import io.github.dbmig.log.Log;
import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.ChangeRecorder;
import io.github.dbmig.migration.tables.Fingerprints;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptId;

import java.sql.SQLException;
import java.time.Instant;

/** A step of a run that cannot run in a transaction, with its marks: running, then applied (or failed). */
record OutsideRun(
        DatabaseSession session, ChangeRecorder recorder, Fingerprints fingerprints, ScriptObserver observer, Log log) {

    /**
     * Runs {@code script} of {@code plan} statement by statement in autocommit mode: first its "running" mark is
     * committed, then each statement, then its rows in a transaction of their own. On failure it is recorded as failed
     * where it stopped; statements that ran before stay applied. {@code last} when it is the run's last, which
     * records the fingerprint with it. Its marks wait for the disk, so every script committed before it is durable
     * once it starts.
     *
     * @return how long it took
     */
    long run(Plan plan, ParsedScript script, boolean last, LockRetry retry, RunProgress progress) throws SQLException {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        ScriptId id = script.file().id();
        boolean up = plan.direction() == Plan.Direction.UP;
        observer.before(script, plan.direction(), session.connection());
        session.connection().commit();
        log.detail("Running " + script.file().fileName() + " outside a transaction, statement by statement.");
        new OutsideTransaction(session, log, retry)
                .run(
                        script,
                        plan.part(script),
                        plan.direction().part(),
                        c -> recorder.running(c, id, up ? "up" : "down", script.checksum()),
                        c -> {
                            String fingerprint = last ? fingerprints.record() : null;
                            if (up) {
                                recorder.applied(c, script.file(), script.checksum(), startedAt, fingerprint);
                            } else {
                                recorder.undone(c, id, script.checksum(), startedAt, fingerprint);
                            }
                        },
                        (c, detail) ->
                                recorder.failed(c, id, script.checksum(), startedAt, (up ? "" : "undo ") + detail),
                        progress::afterPartialFailure);
        progress.durable();
        long millis = (System.nanoTime() - started) / 1_000_000;
        observer.after(script, plan.direction(), millis, session.connection());
        session.connection().commit();
        return millis;
    }
}
