package io.github.dbmig.core;

import io.github.dbmig.backup.AdminConnection;
import io.github.dbmig.backup.RestoreRequest;
import io.github.dbmig.backup.RestoreService;
import io.github.dbmig.config.Database;
import io.github.dbmig.engine.DatabaseSession;
import io.github.dbmig.engine.DatabaseState;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.rehearse.RehearsalReport;
import io.github.dbmig.script.ScriptId;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook's dress rehearsal: a verified backup of the database, restored into a scratch database (on the same
 * server, or on another database's server), and there the pending scripts applied, checked, undone and applied again,
 * every script watched ({@link RehearsalSteps}). The database itself is only read: nothing is created in it and no lock
 * is taken there. The scratch database is dropped afterwards, also when anything failed, unless it is to be kept.
 */
final class Rehearsal {

    private static final Pattern MAJOR = Pattern.compile("^(\\d+)");

    /**
     * @param backup a backup to use instead of a fresh one, or null
     * @param latest use the newest verified backup instead of a fresh one
     * @param server the database whose server takes the scratch copy, or null for the database's own
     * @param keep   keep the scratch database, for inspection
     * @param last   with nothing pending, rehearse the round trip of this many of the newest applied scripts; or null
     */
    record Options(Path backup, boolean latest, Database server, boolean keep, Integer last) {
    }

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

    RehearsalReport run(Options options) {
        long started = System.nanoTime();
        RehearsalSteps steps = new RehearsalSteps(production, context, scripts, options.last());
        DatabaseState state;
        try (DatabaseSession session = DatabaseSession.open(production)) {
            state = DatabaseState.read(session);
            if (!steps.plan(session, state)) {
                return steps.report(started);
            }
        } catch (SQLException e) {
            throw Sessions.failure(production, "rehearse", e, " Nothing was done.");
        }
        Database server = options.server() != null ? options.server() : production;
        boolean foreign = options.server() != null;
        boolean fresh = options.backup() == null && !options.latest();
        if (fresh) {
            RestoreService.requireRestorable(production.backup().format(), "A plain-format backup (<backup><format>plain</format>)", server,
                    foreign);
        }
        Backups backups = new Backups(production, context);
        Path backup = fresh ? backups.backup(state.newest().map(ScriptId::toString).orElse(null)).path() : options.backup();
        RestoreService restore = backups.restoreService();
        RestoreService.Prepared prepared = restore.prepare(new RestoreRequest(backup, null, null, false, null));
        RestoreService.requireRestorable(prepared.manifest().format(), "The plain backup " + prepared.backup(), server,
                foreign);
        try (AdminConnection admin = AdminConnection.open(server)) {
            int major = admin.serverMajor();
            int source = major(prepared.manifest().serverVersion());
            if (major < source) {
                throw new SetupException("The rehearsal server of " + server.id() + " runs PostgreSQL " + major + ", older than"
                        + " the " + source + " of database " + production.id() + ": its copy cannot be restored there.");
            }
            String scratch = admin.createTemporary("rehearse_" + production.fileName(), null, "rehearsal of " + production.id());
            log.info("Rehearsing on " + scratch + " (a copy of " + production.id() + " from " + prepared.backup().getFileName()
                    + "); " + production.id() + " itself is only read.");
            Thread dropOnExit = new Thread(() -> dropQuietly(server, scratch), "dbmig-drop-" + scratch);
            if (!options.keep()) {
                Runtime.getRuntime().addShutdownHook(dropOnExit); // Ctrl-C: no finally block runs, hooks do
            }
            try {
                if (foreign) {
                    log.info("The copy on the server of " + server.id() + " is owned by its user "
                            + server.credentials().username() + "; the owners and grants of " + production.id()
                            + " are not reproduced there.");
                }
                restore.restoreInto(prepared, server, scratch, major, foreign);
                Database copy = production.connectedTo(server.url().withDatabase(scratch), server.credentials());
                steps.rehearse(copy, prepared.backup(), scratch);
            } finally {
                if (options.keep()) {
                    admin.keep(scratch);
                    log.info("The scratch database " + scratch + " is kept for inspection (-Ddbmig.rehearse.keep=true);"
                            + " drop it when done.");
                } else {
                    admin.drop(scratch);
                    removeHook(dropOnExit);
                }
                steps.kept(options.keep());
            }
        } catch (SQLException e) {
            throw new SetupException("Rehearsal of " + production.id() + ": " + e.getMessage(), e);
        }
        return steps.report(started);
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
