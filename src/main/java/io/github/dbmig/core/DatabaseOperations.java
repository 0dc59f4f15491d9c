package io.github.dbmig.core;

import io.github.dbmig.backup.BackupResult;
import io.github.dbmig.config.Database;
import io.github.dbmig.engine.Bookkeeping;
import io.github.dbmig.engine.DatabaseSession;
import io.github.dbmig.engine.DatabaseState;
import io.github.dbmig.engine.HistoryRow;
import io.github.dbmig.engine.Stamper;
import io.github.dbmig.engine.Tags;
import io.github.dbmig.engine.StatusReport;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.backup.RestoreRequest;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptSet;

import io.github.dbmig.rehearse.RehearsalReport;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    private Outcome rehearsed;

    /**
     * What the last upgrade or downgrade did, for a report over many databases.
     *
     * @param from   the newest applied script before it, or empty
     * @param to     after it
     * @param done   the scripts applied or undone
     * @param backup the backup taken before it, or null
     */
    public record Outcome(Optional<ScriptId> from, Optional<ScriptId> to, List<ScriptId> done, String backup) {
    }

    public DatabaseOperations(Database database, RunContext context) {
        this.database = database;
        this.context = context;
        this.log = context.log();
        this.scripts = new Scripts(database, log);
        this.changes = new Changes(database, context, scripts);
    }

    /**
     * Applies pending scripts in id order, each in one transaction with its changelog row.
     *
     * @param target     the last script to apply, or null for all
     * @param outOfOrder apply never-applied scripts older than the newest applied one instead of refusing
     * @param dryRun     plan and write the SQL instead of running it
     * @return the ids applied (none for a dry run)
     */
    public List<ScriptId> upgrade(ScriptId target, boolean outOfOrder, boolean dryRun) {
        return upgrade(UpgradeRequest.to(target).outOfOrder(outOfOrder).dryRun(dryRun));
    }

    /**
     * Applies pending scripts as {@code request} says: all, up to a target, or up to the one a tag names on this
     * database (tags stay when scripts are undone); with a release tag, checked before anything runs and recorded on
     * the script the run ends at, in the same locked run.
     *
     * @return the ids applied (none for a dry run)
     */
    public List<ScriptId> upgrade(UpgradeRequest request) {
        return changes.upgrade(request);
    }

    /**
     * Runs undo parts, newest first, each in one transaction with the removal of its changelog row.
     *
     * @param target the id that is to remain the newest applied, {@link ScriptId#ZERO} for none; or null
     * @param steps  how many of the newest applied scripts to undo; or null
     */
    public List<ScriptId> downgrade(ScriptId target, Integer steps, boolean dryRun) {
        return changes.downgrade(target, steps, dryRun);
    }

    /** Undoes scripts down to {@code target}, or {@code steps} of them, or down to the one {@code tag} names. */
    public List<ScriptId> downgrade(ScriptId target, Integer steps, String tag, boolean dryRun) {
        return changes.downgrade(target, steps, tag, dryRun);
    }

    /**
     * What the last upgrade, downgrade or rehearsal of this object did (a rehearsal: the scripts it rehearsed, from and
     * to where, on which backup); empty before one ran (or when it failed early).
     */
    public Optional<Outcome> lastOutcome() {
        return rehearsed != null ? Optional.of(rehearsed) : changes.lastOutcome();
    }

    /**
     * Makes the changelog record exactly the scripts up to {@code target} as applied, running none of them.
     *
     * @param target the newest script to record as applied; {@link ScriptId#ZERO} for none
     */
    public String stamp(ScriptId target) {
        if (target == null) {
            throw new SetupException("dbmig:stamp needs -Ddbmig.target=ID: the newest script to record as applied (0 for none).");
        }
        ScriptSet set = scripts.scan();
        if (!target.isZero() && !set.contains(target)) {
            throw new SetupException("-Ddbmig.target=" + target + " is not the id of a script in " + set.directory()
                    + " (newest: " + set.newestId().map(ScriptId::toString).orElse("no scripts") + ").");
        }
        try (DatabaseSession session = Sessions.open(database, context)) {
            session.lock(context.lockWait(), log);
            Bookkeeping.createMissing(session, DatabaseState.read(session), log);
            return new Stamper(session, context.provenance(), log).stamp(DatabaseState.read(session), set,
                    database.encoding(), target);
        } catch (SQLException e) {
            throw Sessions.failure(database, "stamp", e, "");
        }
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
        try (DatabaseSession session = Sessions.open(database, context)) {
            session.lock(context.lockWait(), log);
            return new Tags(session.tables()).tag(session, DatabaseState.read(session), tag.strip(), retag,
                    context.provenance(), log);
        } catch (SQLException e) {
            throw Sessions.failure(database, "tag", e, "");
        }
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

    /** Every problem {@link #verify} would fail with, one sentence each; empty when the database matches its scripts. */
    public List<String> problems(String expect) {
        return inspection().problems(expect);
    }

    private Inspection inspection() {
        return new Inspection(database, context, scripts);
    }

    /**
     * Rehearses the pending scripts on a copy of the database (see {@link Rehearsal}) and writes the report,
     * {@code rehearsal-<db>.md} and {@code .json}, in the output directory; fails on its problems when asked to.
     */
    public RehearsalReport rehearse(RehearsalRequest request) {
        RehearsalReport report = new Rehearsal(database, context, scripts).run(request);
        rehearsed = rehearsed(report);
        Path file = report.write(context.outputDirectory(), database.fileName());
        report.lines().forEach(log::info);
        log.info("The rehearsal report is in " + file + " and .json beside it.");
        if (request.failOnProblems() && !report.problems().isEmpty()) {
            throw new MigrationFailedException("Rehearsal of " + database.id() + " failed (" + report.problems().size()
                    + " problem(s)):\n  " + String.join("\n  ", report.problems()) + "\nSee " + file
                    + "; -Ddbmig.rehearse.failOn=never reports without failing.");
        }
        return report;
    }

    /** What a rehearsal did, read from its report as its JSON file has it: from, to, the scripts, the backup. */
    private static Outcome rehearsed(RehearsalReport report) {
        JsonObject json = new Gson().toJsonTree(report).getAsJsonObject();
        List<ScriptId> done = new ArrayList<>();
        if (json.get("scripts") instanceof JsonArray seen) {
            seen.forEach(script -> done.add(ScriptId.parseOrNull(text(script.getAsJsonObject(), "id"))));
        }
        return new Outcome(Optional.ofNullable(ScriptId.parseOrNull(text(json, "from"))),
                Optional.ofNullable(ScriptId.parseOrNull(text(json, "to"))), done, text(json, "backup"));
    }

    private static String text(JsonObject json, String key) {
        JsonElement value = json.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
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
