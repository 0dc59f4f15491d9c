package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@code <database>} of the pom, checked: exactly one of {@code url} and {@code image}, names that are
 * plain SQL identifiers.
 *
 * @param id             the id users select it by
 * @param url            JDBC URL of a real database, or null
 * @param image          container image of a throwaway database, or null
 * @param serverId       settings.xml server that holds its credentials
 * @param username       the pom's user name, or null
 * @param password       the pom's password, or null
 * @param schema         folded schema name, or null for the connection's default
 * @param changelogTable folded changelog table name
 * @param scripts        the scripts directory
 * @param variables      values for {@code ${name}} in scripts, {@code schema} included when set
 * @param ddlLockTimeout PostgreSQL {@code lock_timeout} for scripts
 */
public record DatabaseSpec(String id, String url, String image, String serverId, String username, String password,
                           String schema, String changelogTable, Path scripts, Map<String, String> variables,
                           Duration ddlLockTimeout) {

    public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** The same database with {@code <lockTimeout>} read from the pom; blank keeps the default. */
    public DatabaseSpec withDdlLockTimeout(String lockTimeout) {
        if (lockTimeout == null || lockTimeout.isBlank()) {
            return this;
        }
        Duration timeout = DurationText.parse(lockTimeout, "<database> " + id + ": <lockTimeout>");
        return new DatabaseSpec(id, url, image, serverId, username, password, schema, changelogTable, scripts, variables, timeout);
    }

    public static final String DEFAULT_CHANGELOG = "changelog";

    /** Builds and checks a spec from raw pom values; blank values count as absent. */
    public static DatabaseSpec of(String id, String url, String image, String serverId, String username, String password,
                                  String schema, String changelogTable, Path scripts, Map<String, String> variables) {
        String where = "<database> " + id + ": ";
        String cleanUrl = blankToNull(url);
        String cleanImage = blankToNull(image);
        if (cleanUrl == null && cleanImage == null) {
            throw new SetupException(where + "set <url> (a JDBC URL such as jdbc:postgresql://host:5432/app) or <image>"
                    + " (a PostgreSQL container image such as postgres:17 for a throwaway database).");
        }
        if (cleanUrl != null && cleanImage != null) {
            throw new SetupException(where + "<url> and <image> are both set; keep one.");
        }
        if (cleanUrl != null && !cleanUrl.startsWith("jdbc:postgresql:")) {
            throw new SetupException(where + "<url> must be a PostgreSQL JDBC URL starting with jdbc:postgresql:, not "
                    + RedactedUrl.of(cleanUrl) + ".");
        }
        String cleanSchema = blankToNull(schema) == null ? null : SqlIdentifier.fold(schema, where + "<schema>");
        String table = SqlIdentifier.fold(blankToNull(changelogTable) == null ? DEFAULT_CHANGELOG : changelogTable,
                where + "<changelogTable>");
        Map<String, String> allVariables = new HashMap<>(variables == null ? Map.of() : variables);
        if (cleanSchema != null) {
            allVariables.putIfAbsent("schema", cleanSchema);
        }
        return new DatabaseSpec(id, cleanUrl, cleanImage, blankToNull(serverId) == null ? id : serverId.strip(),
                blankToNull(username), blankToNull(password), cleanSchema, table, scripts, Map.copyOf(allVariables),
                DEFAULT_DDL_LOCK_TIMEOUT);
    }

    public boolean isContainer() {
        return image != null;
    }

    /** Where the changelog lives, as shown to users: {@code app.changelog}, or {@code changelog}. */
    public String changelogName() {
        return schema == null ? changelogTable : schema + "." + changelogTable;
    }

    @Override
    public String toString() {
        return "database " + id + " (" + (isContainer() ? "image " + image : RedactedUrl.of(url)) + ")";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
