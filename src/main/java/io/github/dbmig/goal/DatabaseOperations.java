package io.github.dbmig.goal;

import io.github.dbmig.backup.BackupResult;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.execution.Stamper;
import io.github.dbmig.migration.status.StatusReport;
import io.github.dbmig.migration.tables.Bookkeeping;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.HistoryRow;
import io.github.dbmig.migration.tables.Tags;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptSet;

import java.util.List;

/**
 * Everything dbmig does to one database, and the rules that hold for all of it: goals that write take dbmig's lock
 * before they read where the database stands; every check passes before anything changes; a change is preceded by a
 * verified backup (when backups before change are on) and by nothing else, so a failed backup leaves the database
 * exactly as it was; a dry run is the same plan, rendered instead of run. Knows nothing of Maven.
 */
public final class DatabaseOperations {

    private final Database database;
    private final RunContext context;
    private final Log log;
    private final Scripts scripts;
    private final Changes changes;

    public DatabaseOperations(Database database, RunContext context) {
        this.database = database;
        this.context = context;
        this.log = context.log();
        this.scripts = new Scripts(database, log);
        this.changes = new Changes(database, context, scripts);
    }

    /**
     * Applies pending scripts as {@code request} says: all, up to a target, or up to the one a tag names on this
     * database (tags stay when scripts are undone); with a release tag, checked before anything runs and recorded on
     * the script the run ends at, in the same locked run. Fails with the run's failure.
     */
    public Outcome upgrade(UpgradeRequest request) {
        return changes.upgrade(request).orThrow();
    }

    /** Undoes scripts as {@code request} says, newest first, each in one transaction; fails with the run's failure. */
    public Outcome downgrade(DowngradeRequest request) {
        return changes.downgrade(request).orThrow();
    }

    /**
     * Runs an upgrade and says what it did; a failure once the database's state was read does not throw but is in the
     * outcome, with where it left the database (a fleet's table shows it). A failure before that (an unreachable
     * server, a bad script) throws.
     */
    public Outcome change(UpgradeRequest request) {
        return changes.upgrade(request);
    }

    /** Runs a downgrade and says what it did, as {@link #change(UpgradeRequest)} does for an upgrade. */
    public Outcome change(DowngradeRequest request) {
        return changes.downgrade(request);
    }

    /**
     * Makes the changelog record exactly the scripts up to {@code target} as applied, running none of them.
     *
     * @param target the newest script to record as applied; {@link ScriptId#ZERO} for none
     */
    public String stamp(ScriptId target) {
        if (target == null) {
            throw new SetupException(
                    "dbmig:stamp needs -Ddbmig.target=ID: the newest script to record as applied (0 for none).");
        }
        ScriptSet set = scripts.scan();
        if (!target.isZero() && !set.contains(target)) {
            throw new SetupException("-Ddbmig.target=" + target + " is not the id of a script in " + set.directory()
                    + " (newest: " + set.newestId().map(ScriptId::toString).orElse("no scripts") + ").");
        }
        return Sessions.locked(database, context, null, true, "stamp", () -> "", (session, state, none) -> {
            Bookkeeping.createMissing(session, state, log);
            return new Stamper(session, context.provenance(), log)
                    .stamp(DatabaseState.read(session), set, database.encoding(), target);
        });
    }

    /**
     * Tags the newest applied script with {@code tag} (a release's version), with who, when and which build.
     *
     * @param retag move the tag when it names another script
     */
    public String tag(String tag, boolean retag) {
        if (tag == null || tag.isBlank()) {
            throw new SetupException("dbmig:tag needs a tag: -Ddbmig.tag=1.4.0 (by default the project's version).");
        }
        return Sessions.locked(
                database,
                context,
                null,
                true,
                "tag",
                () -> "",
                (session, state, none) ->
                        new Tags(session.tables()).tag(session, state, tag.strip(), retag, context.provenance(), log));
    }

    /** Where the database stands against its scripts; changes nothing and takes no lock. */
    public StatusReport status() {
        return inspection().status();
    }

    /** The newest history rows, newest first. */
    public List<HistoryRow> history(int limit) {
        return inspection().history(limit);
    }

    /**
     * Fails listing every problem when the database is not what its scripts say; changes nothing, takes no lock.
     *
     * @param expect null; the script id the database must be exactly at; {@code head}; or {@code tag:<name>}
     * @return the line saying it matches
     */
    public String verify(String expect) {
        return inspection().verify(expect);
    }

    /**
     * Every problem {@link #verify} would fail with, one sentence each; empty when the database matches its scripts.
     */
    public List<String> problems(String expect) {
        return inspection().problems(expect);
    }

    private Inspection inspection() {
        return new Inspection(database, context, scripts);
    }

    /** Backs the database up as configured; the file is named after the newest applied script. */
    public BackupResult backup() {
        return new Backups(database, context).backupNamedByState();
    }

    /**
     * Restores a backup of this database onto its server.
     *
     * @param declared every declared database, to find a managed or protected one that the restore would replace
     */
    public String restore(RestoreRequest request, List<Database> declared) {
        return new Backups(database, context).restore(request, declared);
    }
}
