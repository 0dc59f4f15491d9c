package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One managed database, checked: everything below the Maven layer works on this value. It is built in one place
 * ({@link DatabaseBuilder}) from the pom's {@code <database>}, which names the element at fault when something is
 * wrong.
 *
 * @param id             the id users select it by ({@code -Ddb}); a plain name, safe in file names
 * @param url            where it is, or null for an {@code <image>} database not started yet
 * @param image          the container image of a throwaway database, or null
 * @param credentials    user and password (for an image database, the container's once it is started)
 * @param schema         the managed schema (folded), or null for the connection's current schema
 * @param changelogTable the changelog's table name (folded)
 * @param scripts        the scripts directory
 * @param encoding       the scripts' encoding
 * @param variables      values for {@code ${name}} in scripts, {@code schema} included when set
 * @param lockTimeout    PostgreSQL's {@code lock_timeout} for scripts: how long a statement may queue for a table lock
 * @param connectTimeout how long connecting and logging in may take
 * @param readTimeout    how long dbmig waits for an answer to one of its own queries (not to a script's statements)
 * @param backup         how backups are taken and kept
 * @param protectedDatabase whether replacing it by a restore needs {@code -Ddbmig.confirm=<id>}
 * @param start          how {@code dbmig:start} prepares it for a project's integration tests
 */
public record Database(
        String id,
        PgUrl url,
        String image,
        Credentials credentials,
        String schema,
        String changelogTable,
        Path scripts,
        Charset encoding,
        Map<String, String> variables,
        Duration lockTimeout,
        Duration connectTimeout,
        Duration readTimeout,
        BackupSettings backup,
        boolean protectedDatabase,
        StartSettings start) {

    /**
     * How {@code dbmig:start} prepares a database for integration tests.
     *
     * @param testData        a directory of {@code .sql} files run after the upgrade, or null
     * @param reuse           keep the container after the build and hand out copies of a migrated template
     * @param publishPassword publish the password of a {@code <url>} database ({@code <image>} ones always are)
     */
    public record StartSettings(Path testData, boolean reuse, boolean publishPassword) {}

    public static final String DEFAULT_CHANGELOG = "changelog";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public boolean isContainer() {
        return image != null;
    }

    /** The password to reach it, or null when it has none (yet): a secret to mask wherever text leaves a goal. */
    public String password() {
        return credentials == null || !credentials.hasPassword() ? null : credentials.password();
    }

    /** The same database reached at {@code url} with {@code credentials}: an image database once its container runs. */
    public Database connectedTo(PgUrl url, Credentials credentials) {
        return elsewhere(id, url, credentials, schema, variables);
    }

    /**
     * A copy of this database restored as {@code name} (a rehearsal's), reached at {@code url} with
     * {@code credentials}: its id, which every message and log line about it names, reads
     * {@code <name>, the copy of <id>}, so that none reads as if this database had been changed.
     */
    public Database copyAs(String name, PgUrl url, Credentials credentials) {
        return elsewhere(name + ", the copy of " + id, url, credentials, schema, variables);
    }

    /**
     * Whether this declaration stands for many databases: a database name pattern in its URL
     * ({@code jdbc:postgresql://host/tenant_*}) or a schema pattern ({@code tenant_*}).
     */
    public boolean isDiscovery() {
        return (url != null && DatabaseSelector.isPattern(url.database())) || DatabaseSelector.isPattern(schema);
    }

    /**
     * One of the databases or schemas a discovery declaration stands for, with the id {@code <id>/<name>}.
     *
     * @param name     the database's or schema's name, for the id
     * @param database where it is
     * @param schema   its schema (for a schema pattern: the schema found), or null
     */
    public Database member(String name, PgUrl database, String schema) {
        Map<String, String> memberVariables = new HashMap<>(variables);
        if (schema != null) {
            memberVariables.put("schema", schema);
        }
        return elsewhere(id + "/" + name, database, credentials, schema, Map.copyOf(memberVariables));
    }

    /** This declaration under another id, at another place, as another user, schema or variables; the rest kept. */
    private Database elsewhere(
            String id, PgUrl url, Credentials credentials, String schema, Map<String, String> variables) {
        return new Database(
                id,
                url,
                image,
                credentials,
                schema,
                changelogTable,
                scripts,
                encoding,
                variables,
                lockTimeout,
                connectTimeout,
                readTimeout,
                backup,
                protectedDatabase,
                start);
    }

    /** The id as part of a file name: {@code tenants/acme} is {@code tenants_acme}. */
    public String fileName() {
        return fileName(id);
    }

    /** {@link #fileName()} of an id. */
    public static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Where the changelog lives, as shown to users: {@code app.changelog}, or {@code changelog}. */
    public String changelogName() {
        return schema == null ? changelogTable : schema + "." + changelogTable;
    }

    /** "prod (jdbc:postgresql://db:5432/app)", never a password. */
    public String describe() {
        return id + " (" + (url != null ? url.toString() : "image " + image) + ")";
    }

    @Override
    public String toString() {
        return "database " + describe();
    }

    /**
     * Checks that an id is a plain name: letters, digits, '.', '_' and '-', starting with a letter or digit, no "..".
     */
    public static String checkId(String id, String element) {
        String value = id == null ? "" : id.strip();
        if (value.isEmpty()) {
            throw new SetupException(element + " has no <id>; every database needs one.");
        }
        if (!ID.matcher(value).matches() || value.contains("..")) {
            throw new SetupException(
                    element + ": <id>" + value + "</id> is not a plain name; use letters, digits, '.', '_'"
                            + " and '-' (at most 63), starting with a letter or digit, and no \"..\".");
        }
        return value;
    }
}
