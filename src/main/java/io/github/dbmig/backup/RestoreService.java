package io.github.dbmig.backup;

import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a backup back as a database, atomically: the backup's size is checked first and its SHA-256 while it is
 * restored into a temporary database, which is renamed only when the restore succeeded and the checksum matched, and
 * dropped otherwise. An existing database is replaced only when asked to, and a protected one only with its id as
 * confirmation; no one can connect to it between the moment it is replaced and the rename.
 */
public final class RestoreService {

    private final Database database;
    private final ClientTools tools;
    private final ProcessRunner runner;
    private final Log log;
    private final Clock clock;

    public RestoreService(Database database, ClientTools tools, ProcessRunner runner, Log log, Clock clock) {
        this.database = database;
        this.tools = tools;
        this.runner = runner;
        this.log = log;
        this.clock = clock;
    }

    /** Finds the backup and checks what can be checked without the server. */
    public PreparedRestore prepare(RestoreRequest request) {
        return PreparedRestore.of(database, request, clock);
    }

    /**
     * @param protectedNames names of databases marked {@code <protected>}, with their ids
     * @return the name of the database restored
     */
    public String restore(PreparedRestore prepared, RestoreRequest request, Map<String, String> protectedNames) {
        BackupManifest manifest = prepared.manifest();
        Path backup = prepared.backup();
        String name = prepared.name();
        String owner = request.owner() != null ? request.owner() : manifest.owner();
        try (AdminConnection admin = AdminConnection.open(database, log)) {
            boolean exists = admin.server().databaseExists(name);
            checkMayReplace(name, exists, request, protectedNames);
            if (owner != null && !admin.server().roleExists(owner)) {
                throw new SetupException(
                        "The owner " + owner + " for the restored database does not exist on this server;"
                                + " create the role or choose one with -Ddbmig.owner=…; nothing was done.");
            }
            int major = admin.server().serverMajor();
            String temporary =
                    admin.temporaries().create(name, owner, "restore of " + backup.getFileName() + " into " + name);
            long started = System.nanoTime();
            // the checksum is read while the restore runs; the result is published (renamed) only once both are good
            CompletableFuture<String> checksum = CompletableFuture.supplyAsync(() -> sha256(backup));
            try {
                log.info("Restoring " + backup + " into " + name + " (as " + temporary + " until it is complete)...");
                new Restorer(tools, runner)
                        .restore(
                                manifest.format(),
                                backup,
                                ClientEnvironment.of(database, database.url().withDatabase(temporary)),
                                database.backup().jobs(),
                                major);
            } catch (IOException | RuntimeException e) {
                admin.drop(temporary);
                refuseIfDamaged(backup, manifest, checksum.join()); // the root cause, when it is one
                throw new MigrationFailedException(
                        "Restore of " + backup + " failed; the partly restored database was"
                                + " dropped, nothing is left behind" + (exists ? " and " + name + " is untouched" : "")
                                + ". "
                                + e.getMessage(),
                        e);
            }
            try {
                refuseIfDamaged(backup, manifest, checksum.join());
            } catch (RuntimeException e) {
                admin.drop(temporary);
                throw e;
            }
            if (exists) {
                replace(admin, name);
            }
            admin.rename(temporary, name);
            admin.temporaries().keep(name);
            log.info("Restored " + backup.getFileName() + " (" + manifest.databaseId() + " at "
                    + (manifest.schemaVersion() == null ? "no script" : manifest.schemaVersion()) + ") into database "
                    + name
                    + (owner == null ? "" : " owned by " + owner) + " in " + (System.nanoTime() - started) / 1_000_000
                    + " ms.");
            return name;
        } catch (SQLException e) {
            throw new MigrationFailedException(
                    "Restore of " + backup + " into " + name + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A plain-format backup cannot go to another server ({@code foreign}): its owners and grants name roles of the
     * source server, and only pg_restore can leave them out. Checked before anything is dumped or created.
     *
     * @param what     the backup, for the message, e.g. "The plain backup /b/app.sql.gz"
     * @param serverId the declared database whose server takes it
     */
    public static void requireRestorable(BackupFormat format, String what, String serverId, boolean foreign) {
        if (foreign && format == BackupFormat.PLAIN) {
            throw new SetupException(what + " cannot be restored on the server of " + serverId + ": its owners and"
                    + " grants name roles of the source server. Rehearse on the database's own server, or with a"
                    + " custom-format backup (the default).");
        }
    }

    /**
     * Loads a prepared backup into an existing, empty database of {@code server}'s server, checking its SHA-256 while
     * it loads: for a rehearsal's scratch copy. The caller owns (and drops) the database.
     */
    public void restoreInto(
            PreparedRestore prepared, Database server, String database, int serverMajor, boolean foreign) {
        requireRestorable(prepared.manifest().format(), "The plain backup " + prepared.backup(), server.id(), foreign);
        CompletableFuture<String> checksum = CompletableFuture.supplyAsync(() -> sha256(prepared.backup()));
        try {
            new Restorer(tools, runner)
                    .restore(
                            prepared.manifest().format(),
                            prepared.backup(),
                            ClientEnvironment.of(server, server.url().withDatabase(database)),
                            server.backup().jobs(),
                            serverMajor,
                            foreign);
        } catch (IOException e) {
            refuseIfDamaged(prepared.backup(), prepared.manifest(), checksum.join());
            String message = e.getMessage();
            throw new MigrationFailedException(
                    "Restoring " + prepared.backup() + " into the scratch database " + database
                            + " failed"
                            + (message.contains("No space left on device") || message.contains("could not extend file")
                                    ? ": the server ran out of disk space for the copy. "
                                    : ": ")
                            + message,
                    e);
        }
        refuseIfDamaged(prepared.backup(), prepared.manifest(), checksum.join());
    }

    /** Keeps everyone out of the old database, ends its sessions (a held dbmig lock with them) and drops it. */
    private static void replace(AdminConnection admin, String name) throws SQLException {
        admin.allowConnections(name, false);
        try {
            admin.drop(name);
        } catch (SQLException e) {
            admin.allowConnections(name, true);
            throw e;
        }
    }

    private static String sha256(Path backup) {
        try {
            return FileChecksums.of(backup);
        } catch (IOException e) {
            throw new SetupException("Cannot read the backup " + backup + ": " + e.getMessage(), e);
        }
    }

    private static void refuseIfDamaged(Path backup, BackupManifest manifest, String actual) {
        if (!actual.equals(manifest.sha256())) {
            throw new MigrationFailedException("Refusing to restore " + backup + ": its SHA-256 is " + actual
                    + " but was " + manifest.sha256() + " when it was taken; the file is damaged or was changed."
                    + " The partly restored copy was dropped; nothing was done.");
        }
    }

    private static void checkMayReplace(
            String name, boolean exists, RestoreRequest request, Map<String, String> protectedNames) {
        if (!exists) {
            return;
        }
        if (!request.replace()) {
            throw new MigrationFailedException("Database " + name + " exists; restore into another name with"
                    + " -Ddbmig.restoreTo=…, or replace it with -Ddbmig.replace=true. Nothing was done.");
        }
        String protectedId = protectedNames.get(name);
        if (protectedId != null && !protectedId.equals(request.confirm())) {
            throw new MigrationFailedException(
                    "Database " + name + " is <database> " + protectedId + ", marked <protected>:"
                            + " replacing it also needs -Ddbmig.confirm=" + protectedId + ". Nothing was done.");
        }
    }
}
