package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * One managed database, checked: everything below the Maven layer works on this value. It is built in one place
 * ({@link Builder}) from the pom's {@code <database>}, which names the element at fault when something is wrong.
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
public record Database(String id, PgUrl url, String image, Credentials credentials, String schema, String changelogTable,
                       Path scripts, Charset encoding, Map<String, String> variables, Duration lockTimeout,
                       Duration connectTimeout, Duration readTimeout, BackupSettings backup, boolean protectedDatabase,
                       StartSettings start) {

    /**
     * How {@code dbmig:start} prepares a database for integration tests.
     *
     * @param testData        a directory of {@code .sql} files run after the upgrade, or null
     * @param reuse           keep the container after the build and hand out copies of a migrated template
     * @param publishPassword publish the password of a {@code <url>} database ({@code <image>} ones always are)
     */
    public record StartSettings(Path testData, boolean reuse, boolean publishPassword) {
    }

    public static final String DEFAULT_CHANGELOG = "changelog";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public boolean isContainer() {
        return image != null;
    }

    /** The same database reached at {@code url} with {@code credentials}: an image database once its container runs. */
    public Database connectedTo(PgUrl url, Credentials credentials) {
        return new Database(id, url, image, credentials, schema, changelogTable, scripts, encoding, variables, lockTimeout,
                connectTimeout, readTimeout, backup, protectedDatabase, start);
    }

    /** The same database with its scripts in another directory. */
    public Database withScripts(Path directory) {
        return new Database(id, url, image, credentials, schema, changelogTable, directory, encoding, variables, lockTimeout,
                connectTimeout, readTimeout, backup, protectedDatabase, start);
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

    /** Checks that an id is a plain name: letters, digits, '.', '_' and '-', starting with a letter or digit, no "..". */
    public static String checkId(String id, String element) {
        String value = id == null ? "" : id.strip();
        if (value.isEmpty()) {
            throw new SetupException(element + " has no <id>; every database needs one.");
        }
        if (!ID.matcher(value).matches() || value.contains("..")) {
            throw new SetupException(element + ": <id>" + value + "</id> is not a plain name; use letters, digits, '.', '_'"
                    + " and '-' (at most 63), starting with a letter or digit, and no \"..\".");
        }
        return value;
    }

    /** The pom's values for one {@code <database>}; blank values count as absent. {@link #build} checks them. */
    public static final class Builder {
        private final String element;
        private String id;
        private String url;
        private String image;
        private String schema;
        private String changelogTable;
        private Path scripts;
        private Charset encoding = java.nio.charset.StandardCharsets.UTF_8;
        private Map<String, String> variables = Map.of();
        private String lockTimeout;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private BackupOptions backup;
        private BackupOptions pluginBackup;
        private Path defaultBackupDirectory = Path.of("target", "dbmig", "backups");
        private Path backupDirectoryOverride;
        private boolean fullVerify;
        private boolean protectedDatabase;
        private Path testData;
        private Boolean reuse;
        private boolean publishPassword;

        /** @param element how to name this database's pom element in errors, e.g. {@code <database> number 2} */
        public Builder(String element) {
            this.element = element;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder url(String value) {
            url = blankToNull(value);
            return this;
        }

        public Builder image(String value) {
            image = blankToNull(value);
            return this;
        }

        public Builder schema(String value) {
            schema = blankToNull(value);
            return this;
        }

        public Builder changelogTable(String value) {
            changelogTable = blankToNull(value);
            return this;
        }

        public Builder scripts(Path value) {
            scripts = value;
            return this;
        }

        public Builder encoding(Charset value) {
            encoding = value;
            return this;
        }

        public Builder variables(Map<String, String> value) {
            variables = value == null ? Map.of() : value;
            return this;
        }

        public Builder lockTimeout(String value) {
            lockTimeout = blankToNull(value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        /** The database's own {@code <backup>} and the plugin-level one; either may be null. */
        public Builder backup(BackupOptions own, BackupOptions plugin) {
            backup = own;
            pluginBackup = plugin;
            return this;
        }

        /** The default directory, a directory that wins over the pom's ({@code -Ddbmig.backup.directory}), full checks. */
        public Builder backupRun(Path defaultDirectory, Path directoryOverride, boolean fullVerification) {
            defaultBackupDirectory = defaultDirectory;
            backupDirectoryOverride = directoryOverride;
            fullVerify = fullVerification;
            return this;
        }

        public Builder protectedDatabase(boolean value) {
            protectedDatabase = value;
            return this;
        }

        /**
         * What {@code dbmig:start} does beyond the upgrade.
         *
         * @param testDataDirectory {@code <testData>}, or null
         * @param reuseContainer    {@code <reuse>} (or {@code -Ddbmig.reuse}), or null when neither is set
         * @param publish           {@code <publishPassword>}
         */
        public Builder start(Path testDataDirectory, Boolean reuseContainer, boolean publish) {
            testData = testDataDirectory;
            reuse = reuseContainer;
            publishPassword = publish;
            return this;
        }

        /**
         * @param credentials finds the user and password of a {@code <url>} database, given its checked id and URL
         */
        public Database build(BiFunction<String, PgUrl, Credentials> credentials) {
            String checkedId = checkId(id, element);
            String where = "<database> " + checkedId + ": ";
            if (url == null && image == null) {
                throw new SetupException(where + "set <url> (a JDBC URL such as jdbc:postgresql://host:5432/app) or <image>"
                        + " (a PostgreSQL container image such as postgres:17 for a throwaway database).");
            }
            if (url != null && image != null) {
                throw new SetupException(where + "<url> and <image> are both set; keep one.");
            }
            PgUrl parsed = url == null ? null : PgUrl.parse(url, where + "<url>");
            String folded = schema == null ? null : SqlIdentifier.fold(schema, where + "<schema>");
            String table = SqlIdentifier.fold(changelogTable == null ? DEFAULT_CHANGELOG : changelogTable,
                    where + "<changelogTable>");
            if (scripts == null) {
                throw new SetupException(where + "no scripts directory: set <scripts> (or -Ddbmig.scripts).");
            }
            Map<String, String> all = new HashMap<>();
            variables.forEach((k, v) -> all.put(k, v == null ? "" : v));
            if (folded != null) {
                all.putIfAbsent("schema", folded);
            }
            Duration lock = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : DurationText.parse(lockTimeout, where + "<lockTimeout>");
            BackupSettings backupSettings = BackupOptions.resolve(backup, pluginBackup, defaultBackupDirectory, image != null,
                    fullVerify, backupDirectoryOverride, where);
            if (url != null && Boolean.TRUE.equals(reuse)) {
                throw new SetupException(where + "<reuse> keeps a container for the next build, and this database has a <url>,"
                        + " not an <image>; remove <reuse> (or -Ddbmig.reuse).");
            }
            Credentials found = parsed == null ? null : credentials.apply(checkedId, parsed);
            return new Database(checkedId, parsed, image, found, folded, table, scripts, encoding, Map.copyOf(all), lock,
                    connectTimeout, readTimeout, backupSettings, protectedDatabase,
                    new StartSettings(testData, Boolean.TRUE.equals(reuse), publishPassword));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
