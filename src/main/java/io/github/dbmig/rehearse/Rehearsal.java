package io.github.dbmig.rehearse;

import io.github.dbmig.backup.BackupManifest;
import io.github.dbmig.backup.PreparedRestore;
import io.github.dbmig.backup.RestoreService;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.RehearsalRequest;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.exit.OnJvmExit;
import io.github.dbmig.goal.Backups;
import io.github.dbmig.goal.Outcome;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.goal.Scripts;
import io.github.dbmig.goal.Sessions;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.DatabaseState;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook's dress rehearsal: a verified backup of the database, restored into a scratch database (on the same
 * server, or on another database's server), and there the pending scripts applied, checked, undone and applied again,
 * every script watched ({@link RehearsalSteps}). The database itself is only read: nothing is created in it and no lock
 * is taken there. The scratch database is dropped afterwards, also when anything failed, unless it is to be kept. A
 * backup other than a fresh one must hold the database as it is now ({@link RehearsalBackup}).
 */
public final class Rehearsal {

    private static final Pattern MAJOR = Pattern.compile("^(\\d+)");

    private final Database production;
    private final RunContext context;
    private final Log log;
    private final Scripts scripts;

    public Rehearsal(Database production, RunContext context) {
        this.production = production;
        this.context = context;
        this.log = context.log();
        this.scripts = new Scripts(production, log);
    }

    /**
     * Rehearses the pending scripts on a copy of the database, writes the report, {@code rehearsal-<db>.md} and
     * {@code .json}, in the output directory, and fails on its problems when asked to.
     */
    public RehearsalReport rehearse(RehearsalRequest request) {
        Rehearsed rehearsed = rehearsal(request);
        rehearsed.outcome().orThrow();
        return rehearsed.report();
    }

    /** A rehearsal's report and what it did; its problems are the outcome's failure when the request fails on them. */
    public record Rehearsed(RehearsalReport report, Outcome outcome) {}

    /** Rehearses as {@link #rehearse} does, and says what the rehearsal did instead of failing on its problems. */
    public Rehearsed rehearsal(RehearsalRequest request) {
        RehearsalReport report = run(request);
        Path file = report.write(context.outputDirectory(), production.fileName());
        report.lines().forEach(log::info);
        log.info("The rehearsal report is in " + file + " and .json beside it.");
        Outcome outcome = report.outcome();
        if (request.failOnProblems() && !report.problems().isEmpty()) {
            outcome = outcome.failed(new MigrationFailedException("Rehearsal of " + production.id() + " failed ("
                    + report.problems().size() + " problem(s)):\n  " + String.join("\n  ", report.problems())
                    + "\nSee " + file + "; -Ddbmig.rehearse.failOn=never reports without failing."));
        }
        return new Rehearsed(report, outcome);
    }

    /**
     * Every check that needs no dump comes first, in this order: the plan on the database itself, the backup asked for
     * (its recorded changelog against the database's), the copy's server (version, CREATEDB); then the backup is taken
     * or read, and restored.
     */
    private RehearsalReport run(RehearsalRequest request) {
        long started = System.nanoTime();
        RehearsalSteps steps = new RehearsalSteps(production, context, scripts, request.last());
        DatabaseState state;
        int productionMajor;
        try (DatabaseSession session = Sessions.open(production, context)) {
            state = DatabaseState.read(session);
            if (!steps.plan(session, state)) {
                return steps.report(started);
            }
            productionMajor = session.serverMajor();
        } catch (SQLException e) {
            throw Sessions.failure(production, "rehearse", e, " Nothing was done.");
        }
        boolean foreign = request.server() != null;
        String serverId = foreign ? request.server().id() : production.id();
        Backups backups = new Backups(production, context);
        RestoreService restore = backups.restoreService();
        PreparedRestore prepared = chosenBackup(request, state, restore);
        if (prepared == null) {
            RestoreService.requireRestorable(
                    production.backup().format(),
                    "A plain-format backup (<backup><format>plain</format>)",
                    serverId,
                    foreign);
        } else {
            RestoreService.requireRestorable(
                    prepared.manifest().format(), "The plain backup " + prepared.backup(), serverId, foreign);
        }
        Database server = foreign ? request.server().open().get() : production;
        RehearsalServer.check(
                server,
                production.id(),
                prepared == null ? productionMajor : major(prepared.manifest().serverVersion()),
                log);
        if (prepared == null) {
            prepared = restore.prepare(new RestoreRequest(backups.backup(state).path(), null, null, false, null));
        }
        PreparedRestore copied = prepared;
        try (AdminConnection admin = AdminConnection.open(server, log)) {
            int major = admin.server().serverMajor();
            String purpose = "rehearsal of " + production.id();
            admin.temporaries().use("rehearse_" + production.fileName(), null, purpose, copy -> {
                String scratch = copy.name();
                log.info("Rehearsing on " + scratch + " (a copy of " + production.id() + " from "
                        + copied.backup().getFileName() + "); " + production.id() + " itself is only read.");
                // Ctrl-C: no finally block runs, hooks do
                OnJvmExit.Registration dropOnExit = request.keep()
                        ? null
                        : OnJvmExit.run("dbmig-drop-" + scratch, () -> dropQuietly(server, scratch));
                try {
                    if (foreign) {
                        log.info("The copy on the server of " + server.id() + " is owned by its user "
                                + server.credentials().username() + "; the owners and grants of " + production.id()
                                + " are not reproduced there.");
                    }
                    restore.restoreInto(copied, server, scratch, major, foreign);
                    steps.rehearse(
                            production.copyAs(scratch, server.url().withDatabase(scratch), server.credentials()),
                            copied.backup(),
                            scratch);
                } finally {
                    if (request.keep()) {
                        copy.keep();
                        log.info("The scratch database " + scratch + " is kept for inspection"
                                + " (-Ddbmig.rehearse.keep=true); drop it when done.");
                    } else {
                        dropOnExit.close(); // the copy is dropped next, on leaving use()
                    }
                    steps.kept(request.keep());
                }
            });
        } catch (SQLException e) {
            throw new SetupException("Rehearsal of " + production.id() + ": " + e.getMessage(), e);
        }
        return steps.report(started);
    }

    /**
     * The backup asked for ({@code -Ddbmig.backup=<file>} or {@code latest}), prepared, once its recorded changelog
     * matches the database's now; null for a fresh one.
     */
    private PreparedRestore chosenBackup(RehearsalRequest request, DatabaseState state, RestoreService restore) {
        if (request.backup() == null && !request.latest()) {
            return null;
        }
        List<BackupManifest.Applied> now = Backups.changelogOf(state);
        Path backup = request.latest()
                ? RehearsalBackup.latest(production.backup().directory(), production.id(), now)
                : request.backup();
        PreparedRestore prepared = restore.prepare(new RestoreRequest(backup, null, null, false, null));
        RehearsalBackup.requireMatching(prepared.backup(), prepared.manifest(), production.id(), now);
        return prepared;
    }

    /** Drops the scratch database when the build is interrupted; the next goal on that server would otherwise. */
    private static void dropQuietly(Database server, String scratch) {
        try (AdminConnection admin = AdminConnection.open(server)) {
            admin.drop(scratch);
        } catch (SQLException | RuntimeException e) {
            // the next dbmig goal on that server drops it, by its comment
        }
    }

    private static int major(String version) {
        Matcher m = MAJOR.matcher(version == null ? "" : version.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
