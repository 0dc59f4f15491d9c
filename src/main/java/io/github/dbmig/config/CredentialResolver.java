package io.github.dbmig.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the user name and password for a database, first source that has one winning:
 * <ol>
 *   <li>the settings.xml {@code <server>} (already decrypted by the caller),</li>
 *   <li>the URL itself ({@code ?user=…&password=…} or {@code //user:password@host}),</li>
 *   <li>the environment: {@code DBMIG_<ID>_USERNAME}/{@code DBMIG_<ID>_PASSWORD}, then libpq's
 *       {@code PGUSER}/{@code PGPASSWORD},</li>
 *   <li>the password file (password only, matched on host, port, database and user),</li>
 *   <li>the pom's {@code <username>}/{@code <password>},</li>
 *   <li>for the user name only, the operating-system user, as libpq does.</li>
 * </ol>
 */
public final class CredentialResolver {

    private final Map<String, String> environment;
    private final PgPass pgPass;
    private final String osUser;

    public CredentialResolver(Map<String, String> environment, PgPass pgPass, String osUser) {
        this.environment = environment;
        this.pgPass = pgPass;
        this.osUser = osUser;
    }

    /**
     * @param databaseId  the database's id, which names its environment variables
     * @param url         its URL, for credentials written in it and the password file's host, port and database
     * @param server      the settings.xml server's credentials, if a server was found
     * @param serverId    that server's id, for the log line
     * @param pomUsername the pom's user name, or null
     * @param pomPassword the pom's password, or null
     */
    public Credentials resolve(
            String databaseId,
            PgUrl url,
            Optional<Credentials> server,
            String serverId,
            String pomUsername,
            String pomPassword) {
        String prefix = environmentPrefix(databaseId);
        String[] user = first(
                server.map(Credentials::username).orElse(null),
                "settings.xml server " + serverId,
                url.user(),
                "the URL",
                env(prefix + "USERNAME"),
                "environment " + prefix + "USERNAME",
                env("PGUSER"),
                "environment PGUSER",
                pomUsername,
                "pom <username>",
                osUser,
                "operating-system user");
        String[] password = first(
                server.map(Credentials::password).orElse(null),
                "settings.xml server " + serverId,
                url.password(),
                "the URL",
                env(prefix + "PASSWORD"),
                "environment " + prefix + "PASSWORD",
                env("PGPASSWORD"),
                "environment PGPASSWORD",
                pgPassPassword(url, user[0]),
                "password file " + (pgPass == null ? "" : pgPass.path()),
                pomPassword,
                "pom <password>");
        return new Credentials(user[0], password[0], user[1], password[1]);
    }

    /** {@code DBMIG_<ID>_}: the id upper-cased, every other character as {@code _}. */
    public static String environmentPrefix(String databaseId) {
        return "DBMIG_" + databaseId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    }

    private String pgPassPassword(PgUrl url, String username) {
        if (pgPass == null || username == null) {
            return null;
        }
        String database = url.database() != null ? url.database() : username;
        return pgPass.passwordFor(url.host(), url.port(), database, username).orElse(null);
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
