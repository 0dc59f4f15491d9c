package io.github.dbmig.connect;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.PgUrl;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Redactor;
import org.postgresql.Driver;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static io.github.dbmig.errors.Messages.about;
import static io.github.dbmig.errors.Messages.firstLine;

/**
 * Opens PgJDBC connections, named {@code dbmig} in {@code pg_stat_activity}, with connect and login timeouts, and turns
 * a failure into a sentence that names the database, the host and what went wrong (never a password). The driver is
 * used directly rather than through {@code DriverManager}, which does not see drivers of a plugin's class loader
 * reliably.
 */
public final class PgConnector {

    public static final String APPLICATION_NAME = "dbmig";

    private static final Driver DRIVER = new Driver();

    private PgConnector() {}

    /** A connection to the database itself. */
    public static Connection open(Database database) {
        return open(database, database.url());
    }

    /** A connection to another database of the same server and user: a maintenance, scratch or restored one. */
    public static Connection open(Database database, PgUrl url) {
        Credentials credentials = database.credentials();
        Duration timeout = database.connectTimeout();
        Properties properties = new Properties();
        if (credentials.username() != null) {
            properties.setProperty("user", credentials.username());
        }
        if (credentials.hasPassword()) {
            properties.setProperty("password", credentials.password());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        // PostgreSQL 10+ is assumed: the application name and session defaults go in the startup message (no extra
        // round trip), and so survive the RESET ALL that dbmig runs after each script
        properties.setProperty("assumeMinServerVersion", "10");
        properties.setProperty("tcpKeepAlive", "true");
        if (!timeout.isZero()) {
            long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
            properties.setProperty("connectTimeout", Long.toString(seconds));
            properties.setProperty("loginTimeout", Long.toString(seconds));
        }
        try {
            Connection connection = DRIVER.connect(url.connectUrl(), properties);
            if (connection == null) {
                throw new SetupException(about(database.id()) + url + " is not a PostgreSQL JDBC URL.");
            }
            return connection;
        } catch (SQLException e) {
            throw new SetupException(
                    "Cannot connect to database " + database.id() + " at " + url.hosts() + " (" + url + ") as "
                            + credentials + ": " + reason(e, timeout, credentials),
                    e);
        }
    }

    /** What went wrong, in words a user can act on; driver text is masked. */
    static String reason(SQLException e, Duration timeout, Credentials credentials) {
        Throwable cause = rootCause(e);
        String seconds = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        String text;
        if (cause instanceof UnknownHostException) {
            text = "unknown host " + cause.getMessage() + " (the name does not resolve).";
        } else if (cause instanceof SocketTimeoutException
                || "08001".equals(e.getSQLState())
                        && String.valueOf(e.getMessage()).contains("timed out")) {
            text = "no answer within " + seconds + " (the connect timeout): the host is unreachable, or the server"
                    + " accepted the connection but never answered. Raise it with -Ddbmig.connectTimeout if the"
                    + " network is slow.";
        } else if (cause instanceof ConnectException) {
            text = "connection refused (" + cause.getMessage()
                    + "): is PostgreSQL running there and listening on that port?";
        } else if (cause instanceof NoRouteToHostException) {
            text = "no route to host (" + cause.getMessage() + ").";
        } else if ("28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())) {
            text = firstLine(e.getMessage()) + " (check the user and the password, which came from "
                    + (credentials.hasPassword() ? credentials.passwordSource() : "nowhere: none was found") + ").";
        } else {
            text = firstLine(e.getMessage());
        }
        return Redactor.mask(text, credentials.hasPassword() ? List.of(credentials.password()) : List.of());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
