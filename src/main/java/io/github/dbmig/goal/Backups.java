package io.github.dbmig.goal;

import io.github.dbmig.backup.BackupManifest;
import io.github.dbmig.backup.BackupResult;
import io.github.dbmig.backup.BackupService;
import io.github.dbmig.backup.ClientTools;
import io.github.dbmig.backup.PreparedRestore;
import io.github.dbmig.backup.RestoreService;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.script.ScriptId;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Backups and restores of one database, with dbmig's rules: a restore over a managed database takes its lock. */
public final class Backups {

    private final Database database;
    private final RunContext context;
    private final ClientTools tools;

    public Backups(Database database, RunContext context) {
        this.database = database;
        this.context = context;
        this.tools = context.clientTools(database.backup().pgBinDir());
    }

    /**
     * A backup named after {@code schemaVersion}; its manifest records the changelog as the database holds it now,
     * read on a session of its own (a caller about to change the database holds dbmig's lock, so it is what it read).
     */
    BackupResult backup(String schemaVersion) {
        return backup(schemaVersion, readState());
    }

    /** A backup of the database at {@code state}, named after its newest applied script, recording its changelog. */
    public BackupResult backup(DatabaseState state) {
        return backup(state.newest().map(ScriptId::toString).orElse(null), state);
    }

    /** A backup named after the newest applied script; a database dbmig never touched is version 0. */
    BackupResult backupNamedByState() {
        return backup(readState());
    }

    private BackupResult backup(String schemaVersion, DatabaseState state) {
        return new BackupService(database, tools, context.processRunner(), context.log(), context.clock())
                .backup(schemaVersion, changelogOf(state));
    }

    /** The changelog as a backup's manifest records it: each applied script's id and checksum, oldest first. */
    public static List<BackupManifest.Applied> changelogOf(DatabaseState state) {
        return state.applied().keySet().stream()
                .map(id -> new BackupManifest.Applied(
                        id.toString(), state.checksums().get(id)))
                .toList();
    }

    private DatabaseState readState() {
        try (DatabaseSession session = Sessions.open(database, context)) {
            return DatabaseState.read(session);
        } catch (SQLException e) {
            throw Sessions.failure(database, "backup", e, " Nothing was done.");
        }
    }

    public RestoreService restoreService() {
        return new RestoreService(database, tools, context.processRunner(), context.log(), context.clock());
    }

    String restore(RestoreRequest request, List<Database> declared) {
        RestoreService service = restoreService();
        PreparedRestore prepared = service.prepare(request);
        Optional<Database> managed = request.replace() ? managedAt(prepared.name(), declared) : Optional.empty();
        Map<String, String> protectedNames = new HashMap<>();
        declared.stream()
                .filter(d -> d.protectedDatabase() && d.url() != null && d.url().database() != null)
                .forEach(d -> protectedNames.put(d.url().database(), d.id()));
        if (managed.isEmpty()) {
            return service.restore(prepared, request, protectedNames);
        }
        // like any writing goal: wait for a run in progress there, and keep others out until it is replaced
        return Sessions.locked(
                managed.get(),
                context,
                "restore",
                " Nothing was done.",
                session -> service.restore(prepared, request, protectedNames));
    }

    /** The declared {@code <url>} database, on this database's server, that has this name. */
    private Optional<Database> managedAt(String name, List<Database> declared) {
        return declared.stream()
                .filter(d -> d.url() != null && name.equals(d.url().database()))
                .filter(d -> Objects.equals(d.url().host(), database.url().host())
                        && Objects.equals(d.url().port(), database.url().port()))
                .findFirst();
    }
}
