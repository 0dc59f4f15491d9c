package io.github.dbmig.migration.tables;

import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.OwnTables;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
        try (Statement statement = connection.createStatement()) {
            List<String> sql = new ArrayList<>();
            if (!state.changelogExists()) {
                Changelog changelog = new Changelog(tables);
                sql.addAll(changelog.createStatements(changelog.schemaExists(connection)));
            }
            if (!state.historyExists()) {
                sql.add(new History(tables).createStatement());
            }
            if (!state.fingerprintExists()) {
                sql.add(new FingerprintStore(tables).createStatement());
            }
            sql.add("COMMIT");
            statement.execute(String.join("; ", sql)); // one round trip
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
