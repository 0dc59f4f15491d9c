package io.github.dbmig.config;

import org.postgresql.Driver;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds the user name and password for a database, first source that has one winning:
 * <ol>
 *   <li>the settings.xml {@code <server>} (already decrypted by the caller),</li>
 *   <li>the environment: {@code DBMIG_<ID>_USERNAME}/{@code DBMIG_<ID>_PASSWORD}, then libpq's {@code PGUSER}/{@code PGPASSWORD},</li>
 *   <li>the password file {@code ~/.pgpass} (password only, matched on host, port, database and user),</li>
 *   <li>the pom's {@code <username>}/{@code <password>},</li>
 *   <li>for the user name only, the operating-system user, as libpq does.</li>
 * </ol>
 */
public final class CredentialResolver {

    private final Map<String, String> environment;
    private final PgPassFile pgPass;
    private final String osUser;

    public CredentialResolver(Map<String, String> environment, PgPassFile pgPass, String osUser) {
        this.environment = environment;
        this.pgPass = pgPass;
        this.osUser = osUser;
    }

    /**
     * @param databaseId   the database's id, which names its environment variables
     * @param jdbcUrl      its URL, for the password file's host, port and database
     * @param server       the settings.xml server's credentials, if a server was found
     * @param serverId     that server's id, for the log line
     * @param pomUsername  the pom's user name, or null
     * @param pomPassword  the pom's password, or null
     */
    public Credentials resolve(String databaseId, String jdbcUrl, Optional<Credentials> server, String serverId,
                               String pomUsername, String pomPassword) {
        String prefix = "DBMIG_" + databaseId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
        String[] user = first(
                server.map(Credentials::username).orElse(null), "settings.xml server " + serverId,
                env(prefix + "USERNAME"), "environment " + prefix + "USERNAME",
                env("PGUSER"), "environment PGUSER",
                pomUsername, "pom <username>",
                osUser, "operating-system user");
        String[] password = first(
                server.map(Credentials::password).orElse(null), "settings.xml server " + serverId,
                env(prefix + "PASSWORD"), "environment " + prefix + "PASSWORD",
                env("PGPASSWORD"), "environment PGPASSWORD",
                pgPassPassword(jdbcUrl, user[0]), "password file " + (pgPass == null ? "" : pgPass.path()),
                pomPassword, "pom <password>");
        return new Credentials(user[0], password[0], user[1], password[1]);
    }

    private String pgPassPassword(String jdbcUrl, String username) {
        if (pgPass == null || username == null) {
            return null;
        }
        Properties url = Driver.parseURL(jdbcUrl, null);
        if (url == null) {
            return null;
        }
        String host = url.getProperty("PGHOST", "localhost").split(",")[0];
        String port = url.getProperty("PGPORT", "5432").split(",")[0];
        String database = url.getProperty("PGDBNAME", username);
        return pgPass.passwordFor(host, port, database, username).orElse(null);
    }

    private String env(String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Pairs of (value, source): the first pair with a value, or (null, null). */
    private static String[] first(String... valuesAndSources) {
        for (int i = 0; i < valuesAndSources.length; i += 2) {
            String value = valuesAndSources[i];
            if (value != null && !value.isEmpty()) {
                return new String[] {value, valuesAndSources[i + 1]};
            }
        }
        return new String[] {null, null};
    }
}
