package io.github.dbmig.core;

import io.github.dbmig.backup.AdminConnection;
import io.github.dbmig.backup.BackupManifest;
import io.github.dbmig.backup.RestoreRequest;
import io.github.dbmig.backup.RestoreService;
import io.github.dbmig.config.Database;
import io.github.dbmig.engine.DatabaseSession;
import io.github.dbmig.engine.DatabaseState;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.rehearse.RehearsalReport;

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
final class Rehearsal {

    private static final Pattern MAJOR = Pattern.compile("^(\\d+)");

    private final Database production;
    private final RunContext context;
    private final Log log;
    private final Scripts scripts;

    Rehearsal(Database production, RunContext context, Scripts scripts) {
        this.production = production;
        this.context = context;
        this.log = context.log();
        this.scripts = scripts;
    }

    /**
     * Every check that needs no dump comes first, in this order: the plan on the database itself, the backup asked for
     * (its recorded changelog against the database's), the copy's server (version, CREATEDB); then the backup is taken
     * or read, and restored.
     */
    RehearsalReport run(RehearsalRequest request) {
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
        RestoreService.Prepared prepared = chosenBackup(request, state, restore);
        if (prepared == null) {
            RestoreService.requireRestorable(production.backup().format(), "A plain-format backup (<backup><format>plain</format>)",
                    serverId, foreign);
        } else {
            RestoreService.requireRestorable(prepared.manifest().format(), "The plain backup " + prepared.backup(), serverId,
                    foreign);
        }
        Database server = foreign ? request.server().open().get() : production;
        RehearsalServer.check(server, production.id(), prepared == null ? productionMajor
                : major(prepared.manifest().serverVersion()), log);
        if (prepared == null) {
            prepared = restore.prepare(new RestoreRequest(backups.backup(state).path(), null, null, false, null));
        }
        try (AdminConnection admin = AdminConnection.open(server, log)) {
            int major = admin.serverMajor();
            String scratch = admin.createTemporary("rehearse_" + production.fileName(), null, "rehearsal of " + production.id());
            log.info("Rehearsing on " + scratch + " (a copy of " + production.id() + " from " + prepared.backup().getFileName()
                    + "); " + production.id() + " itself is only read.");
            Thread dropOnExit = new Thread(() -> dropQuietly(server, scratch), "dbmig-drop-" + scratch);
            if (!request.keep()) {
                Runtime.getRuntime().addShutdownHook(dropOnExit); // Ctrl-C: no finally block runs, hooks do
            }
            try {
                if (foreign) {
                    log.info("The copy on the server of " + server.id() + " is owned by its user "
                            + server.credentials().username() + "; the owners and grants of " + production.id()
                            + " are not reproduced there.");
                }
                restore.restoreInto(prepared, server, scratch, major, foreign);
                steps.rehearse(production.copyAs(scratch, server.url().withDatabase(scratch), server.credentials()),
                        prepared.backup(), scratch);
            } finally {
                if (request.keep()) {
                    admin.keep(scratch);
                    log.info("The scratch database " + scratch + " is kept for inspection (-Ddbmig.rehearse.keep=true);"
                            + " drop it when done.");
                } else {
                    admin.drop(scratch);
                    removeHook(dropOnExit);
                }
                steps.kept(request.keep());
            }
        } catch (SQLException e) {
            throw new SetupException("Rehearsal of " + production.id() + ": " + e.getMessage(), e);
        }
        return steps.report(started);
    }

    /**
     * The backup asked for ({@code -Ddbmig.backup=<file>} or {@code latest}), prepared, once its recorded changelog
     * matches the database's now; null for a fresh one.
     */
    private RestoreService.Prepared chosenBackup(RehearsalRequest request, DatabaseState state, RestoreService restore) {
        if (request.backup() == null && !request.latest()) {
            return null;
        }
        List<BackupManifest.Applied> now = Backups.changelogOf(state);
        Path backup = request.latest()
                ? RehearsalBackup.latest(production.backup().directory(), production.id(), now) : request.backup();
        RestoreService.Prepared prepared = restore.prepare(new RestoreRequest(backup, null, null, false, null));
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the database is gone already
        }
    }

    private static int major(String version) {
        Matcher m = MAJOR.matcher(version == null ? "" : version.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
