package io.github.dbmig.config;

import io.github.dbmig.container.ImageReference;
import io.github.dbmig.errors.SetupException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import static io.github.dbmig.config.Values.blankToNull;

/**
 * The pom's values for one {@code <database>}, blank values counting as absent: the one place where a
 * {@link Database} is made, {@link #build} checking every value and naming the element at fault.
 */
public final class DatabaseBuilder {
    private final String element;
    private String id;
    private String url;
    private String image;
    private String schema;
    private String changelogTable;
    private Path scripts;
    private Charset encoding = StandardCharsets.UTF_8;
    private Map<String, String> variables = Map.of();
    private String lockTimeout;
    private Duration connectTimeout = Database.DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = Database.DEFAULT_READ_TIMEOUT;
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
    public DatabaseBuilder(String element) {
        this.element = element;
    }

    public DatabaseBuilder id(String value) {
        id = value;
        return this;
    }

    public DatabaseBuilder url(String value) {
        url = blankToNull(value);
        return this;
    }

    public DatabaseBuilder image(String value) {
        image = blankToNull(value);
        return this;
    }

    public DatabaseBuilder schema(String value) {
        schema = blankToNull(value);
        return this;
    }

    public DatabaseBuilder changelogTable(String value) {
        changelogTable = blankToNull(value);
        return this;
    }

    public DatabaseBuilder scripts(Path value) {
        scripts = value;
        return this;
    }

    public DatabaseBuilder encoding(Charset value) {
        encoding = value;
        return this;
    }

    public DatabaseBuilder variables(Map<String, String> value) {
        variables = value == null ? Map.of() : value;
        return this;
    }

    public DatabaseBuilder lockTimeout(String value) {
        lockTimeout = blankToNull(value);
        return this;
    }

    public DatabaseBuilder connectTimeout(Duration value) {
        connectTimeout = value;
        return this;
    }

    public DatabaseBuilder readTimeout(Duration value) {
        readTimeout = value;
        return this;
    }

    /** The database's own {@code <backup>} and the plugin-level one; either may be null. */
    public DatabaseBuilder backup(BackupOptions own, BackupOptions plugin) {
        backup = own;
        pluginBackup = plugin;
        return this;
    }

    /** The default directory, a directory that wins over the pom's ({@code -Ddbmig.backup.directory}), full checks. */
    public DatabaseBuilder backupRun(Path defaultDirectory, Path directoryOverride, boolean fullVerification) {
        defaultBackupDirectory = defaultDirectory;
        backupDirectoryOverride = directoryOverride;
        fullVerify = fullVerification;
        return this;
    }

    public DatabaseBuilder protectedDatabase(boolean value) {
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
    public DatabaseBuilder start(Path testDataDirectory, Boolean reuseContainer, boolean publish) {
        testData = testDataDirectory;
        reuse = reuseContainer;
        publishPassword = publish;
        return this;
    }

    /**
     * @param credentials finds the user and password of a {@code <url>} database, given its checked id and URL
     */
    public Database build(BiFunction<String, PgUrl, Credentials> credentials) {
        String checkedId = Database.checkId(id, element);
        String where = "<database> " + checkedId + ": ";
        if (url == null && image == null) {
            throw new SetupException(where + "set <url> (a JDBC URL such as jdbc:postgresql://host:5432/app) or <image>"
                    + " (a PostgreSQL container image such as postgres:17 for a throwaway database).");
        }
        if (url != null && image != null) {
            throw new SetupException(where + "<url> and <image> are both set; keep one.");
        }
        if (image != null) {
            try {
                ImageReference.parse(image);
            } catch (IllegalArgumentException e) {
                throw new SetupException(where + "<image>: " + e.getMessage() + " Name a PostgreSQL image such as"
                        + " postgres:17, registry.example.com/mirror/postgres:17 or postgres@sha256:<digest>.");
            }
        }
        PgUrl parsed = url == null ? null : PgUrl.parse(url, where + "<url>");
        String folded = schema == null
                ? null
                : DatabaseSelector.isPattern(schema)
                        ? schemaPattern(schema, where)
                        : Values.sqlName(schema, where + "<schema>");
        String table = Values.sqlName(
                changelogTable == null ? Database.DEFAULT_CHANGELOG : changelogTable, where + "<changelogTable>");
        if (scripts == null) {
            throw new SetupException(where + "no scripts directory: set <scripts> (or -Ddbmig.scripts).");
        }
        Map<String, String> all = new HashMap<>();
        variables.forEach((k, v) -> all.put(k, v == null ? "" : v));
        if (folded != null) {
            all.putIfAbsent("schema", folded);
        }
        Duration lock = lockTimeout == null
                ? Database.DEFAULT_LOCK_TIMEOUT
                : DurationText.parse(lockTimeout, where + "<lockTimeout>");
        BackupSettings backupSettings = BackupOptions.resolve(
                backup,
                pluginBackup,
                defaultBackupDirectory,
                image != null,
                fullVerify,
                backupDirectoryOverride,
                where);
        if (url != null && Boolean.TRUE.equals(reuse)) {
            throw new SetupException(
                    where + "<reuse> keeps a container for the next build, and this database has a <url>,"
                            + " not an <image>; remove <reuse> from it (-Ddbmig.reuse applies to <image> databases"
                            + " only).");
        }
        Credentials found = parsed == null ? null : credentials.apply(checkedId, parsed);
        return new Database(
                checkedId,
                parsed,
                image,
                found,
                folded,
                table,
                scripts,
                encoding,
                Map.copyOf(all),
                lock,
                connectTimeout,
                readTimeout,
                backupSettings,
                protectedDatabase,
                new Database.StartSettings(testData, Boolean.TRUE.equals(reuse), publishPassword));
    }

    private static String schemaPattern(String pattern, String where) {
        if (!pattern.matches("[A-Za-z0-9_$*?]{1,63}")) {
            throw new SetupException(where + "<schema> \"" + pattern + "\" is not a schema name pattern: use letters,"
                    + " digits, '_', and * or ? as wildcards.");
        }
        return pattern.toLowerCase(Locale.ROOT);
    }
}
