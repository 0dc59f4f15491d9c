package io.github.dbmig.migration.tables;

import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.OwnTables;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates dbmig's tables where they are missing: the changelog (and its schema), {@code dbmig_history} and
 * {@code dbmig_fingerprint}. Only under the lock (concurrent CREATE TABLE collide), and only once a run knows it will
 * change the database, after its backup: a run that fails before leaves the database exactly as it was.
 */
public final class Bookkeeping {

    private Bookkeeping() {}

    public static void createMissing(DatabaseSession session, DatabaseState state, Log log) throws SQLException {
        if (state.tablesExist()) {
            return;
        }
        Connection connection = session.connection();
        OwnTables tables = session.tables();
        try {
            if (!state.changelogExists()) {
                new Changelog(tables).create(connection);
            }
            if (!state.historyExists()) {
                new History(tables).create(connection);
            }
            if (!state.fingerprintExists()) {
                new FingerprintStore(tables).create(connection);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        if (!state.changelogExists()) {
            log.info("Created the changelog table " + session.database().changelogName() + " on database "
                    + session.database().id() + ".");
        }
    }
}
