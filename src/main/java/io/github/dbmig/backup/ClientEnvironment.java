package io.github.dbmig.backup;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.PgUrl;

import java.util.HashMap;
import java.util.Map;

/**
 * How pg_dump, pg_restore and psql reach a database: libpq's environment variables. The password goes in
 * {@code PGPASSWORD} of that program's environment only (which only its owner can read, and which nothing writes to
 * disk); nothing secret goes on a command line or into a file.
 */
public final class ClientEnvironment {

    private final Map<String, String> variables;

    private ClientEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** For the database itself. */
    public static ClientEnvironment of(Database database) {
        return of(database, database.url());
    }

    /** For another database of the same server: a scratch or restored one. */
    public static ClientEnvironment of(Database database, PgUrl url) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", url.host());
        env.put("PGPORT", url.port());
        if (url.database() != null) {
            env.put("PGDATABASE", url.database());
        }
        if (database.credentials().username() != null) {
            env.put("PGUSER", database.credentials().username());
        }
        if (database.credentials().hasPassword()) {
            env.put("PGPASSWORD", database.credentials().password());
        }
        for (String[] pair : new String[][] {
            {"sslmode", "PGSSLMODE"}, {"sslrootcert", "PGSSLROOTCERT"}, {"sslcert", "PGSSLCERT"}, {"sslkey", "PGSSLKEY"}
        }) {
            if (url.parameter(pair[0]) != null) {
                env.put(pair[1], url.parameter(pair[0]));
            }
        }
        env.put("PGAPPNAME", "dbmig");
        env.put(
                "PGCONNECT_TIMEOUT",
                Long.toString(Math.max(1, database.connectTimeout().toSeconds())));
        return new ClientEnvironment(env);
    }

    public Map<String, String> variables() {
        return variables;
    }

    public String database() {
        return variables.get("PGDATABASE");
    }
}
