package io.github.dbmig.rehearse;

import io.github.dbmig.config.Database;
import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.sql.SQLException;

/**
 * What the server that takes a rehearsal's copy must allow, checked before anything is dumped or restored: it runs the
 * source's PostgreSQL major version or a newer one, and the user dbmig connects as may create the copy there. Opening
 * its maintenance connection also drops what dbmig's own killed runs left on it (a killed rehearsal's copy).
 */
final class RehearsalServer {

    private RehearsalServer() {}

    /** @param sourceMajor the PostgreSQL major version the backup comes from */
    static void check(Database server, String productionId, int sourceMajor, Log log) {
        try (AdminConnection admin = AdminConnection.open(server, log)) {
            requireVersion(admin.server().serverMajor(), sourceMajor, server.id(), productionId);
            if (!admin.server().mayCreateDatabases()) {
                throw new SetupException(withoutCreatedb(admin.server().currentUser(), server.id(), productionId));
            }
        } catch (SQLException e) {
            throw new SetupException("Rehearsal of " + productionId + ": " + e.getMessage(), e);
        }
    }

    /** A server older than the backup's cannot restore it. */
    static void requireVersion(int serverMajor, int sourceMajor, String serverId, String productionId) {
        if (serverMajor < sourceMajor) {
            throw new SetupException(
                    "The rehearsal server of " + serverId + " runs PostgreSQL " + serverMajor + ", older"
                            + " than the " + sourceMajor + " of database " + productionId
                            + ": its copy cannot be restored there."
                            + " Nothing was dumped.");
        }
    }

    static String withoutCreatedb(String user, String serverId, String productionId) {
        return "Rehearsal of " + productionId + ": the user " + user + " cannot create databases on the server of "
                + serverId
                + ", and the rehearsal restores its copy into a new database there: the user needs CREATEDB (ALTER"
                + " ROLE "
                + user
                + " CREATEDB). Or put the copy on a server of its own with -Ddbmig.rehearse.server=<an image database>"
                + " (a declared <image> database, whose container dbmig starts and where it may create databases)."
                + " Nothing was dumped.";
    }
}
