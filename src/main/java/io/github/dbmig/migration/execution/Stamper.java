package io.github.dbmig.migration.execution;

import io.github.dbmig.log.Log;
import io.github.dbmig.migration.plan.ChangedScripts;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.ChangeRecorder;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.Fingerprints;
import io.github.dbmig.migration.tables.Provenance;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptSet;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Makes the changelog record exactly the scripts up to a target as applied, running none of them: for a baseline, or
 * after a change made by hand. The current content of changed scripts up to the target is accepted, and the schema as
 * it is becomes the fingerprint that {@code verify} compares with. All of it in one transaction.
 */
public final class Stamper {

    private final DatabaseSession session;
    private final ChangeRecorder recorder;
    private final Log log;

    public Stamper(DatabaseSession session, Provenance provenance, Log log) {
        this.session = session;
        this.recorder = new ChangeRecorder(session.tables(), provenance, null);
        this.log = log;
    }

    /**
     * @param state  the database's state, read under the lock once dbmig's tables exist
     * @param upTo   the newest script to record as applied; {@link ScriptId#ZERO} for none
     * @return a line saying what changed
     */
    public String stamp(DatabaseState state, ScriptSet scripts, Charset charset, ScriptId upTo) throws SQLException {
        List<ScriptFile> toRecord = scripts.all().stream()
                .filter(s -> s.id().compareTo(upTo) <= 0 && !state.applied().containsKey(s.id()))
                .toList();
        List<ScriptId> toForget = state.applied().keySet().stream()
                .filter(id -> id.compareTo(upTo) > 0 || !scripts.contains(id))
                .toList();
        List<ScriptFile> toAccept = ChangedScripts.find(scripts, state, charset).stream()
                .filter(s -> s.id().compareTo(upTo) <= 0)
                .toList();
        Connection connection = session.connection();
        Instant started = Instant.now();
        try {
            String fingerprint = new Fingerprints(session).record();
            for (ScriptId id : toForget) {
                recorder.unstamped(connection, id, started, fingerprint);
            }
            for (ScriptFile script : toRecord) {
                recorder.stamped(connection, script, scripts.checksum(script, charset), true, started, fingerprint);
            }
            for (ScriptFile script : toAccept) {
                recorder.stamped(connection, script, scripts.checksum(script, charset), false, started, fingerprint);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        toRecord.forEach(s -> log.info("Stamped " + s.fileName() + " as applied (not run)."));
        toForget.forEach(id -> log.info("Removed " + id + " from the changelog (not undone)."));
        toAccept.forEach(
                s -> log.info("Accepted the current content of " + s.fileName() + " (its checksum is recorded anew)."));
        String result =
                "Database " + session.database().id() + " stamped at " + upTo + ": " + toRecord.size() + " recorded, "
                        + toForget.size() + " removed, " + toAccept.size() + " checksum(s) accepted, no script run.";
        log.info(result);
        return result;
    }
}
