package io.github.dbmig.connect;

import io.github.dbmig.config.RedactedUrl;
import io.github.dbmig.errors.SetupException;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens PgJDBC connections named {@code dbmig} in {@code pg_stat_activity}. The driver is used directly rather
 * than through {@code DriverManager}, which does not see drivers of a plugin's class loader reliably.
 */
public final class PgConnector {

    public static final String APPLICATION_NAME = "dbmig";

    private static final Driver DRIVER = new Driver();

    private PgConnector() {
    }

    /**
     * @param databaseId the database's id, for the error message
     * @param target     URL and credentials
     */
    public static Connection open(String databaseId, ConnectionTarget target) {
        Properties properties = new Properties();
        if (target.credentials().username() != null) {
            properties.setProperty("user", target.credentials().username());
        }
        if (target.credentials().hasPassword()) {
            properties.setProperty("password", target.credentials().password());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        try {
            Connection connection = DRIVER.connect(target.url(), properties);
            if (connection == null) {
                throw new SetupException("Database " + databaseId + ": " + RedactedUrl.of(target.url())
                        + " is not a PostgreSQL JDBC URL.");
            }
            return connection;
        } catch (SQLException e) {
            throw new SetupException("Cannot connect to database " + databaseId + " at " + RedactedUrl.of(target.url())
                    + " as " + target.credentials() + ": "
                    + e.getMessage(), e);
        }
    }
}
