package io.github.dbmig.maven;

import io.github.dbmig.backup.BackupSettings;
import io.github.dbmig.config.CredentialResolver;
import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.config.DatabaseSpec;
import io.github.dbmig.config.DurationText;
import io.github.dbmig.config.GitCommit;
import io.github.dbmig.config.PgPassFile;
import io.github.dbmig.connect.ConnectionTarget;
import io.github.dbmig.connect.ContainerLauncher;
import io.github.dbmig.connect.DatabaseHandle;
import io.github.dbmig.engine.MigrationLog;
import io.github.dbmig.engine.MigrationTarget;
import io.github.dbmig.engine.Migrator;
import io.github.dbmig.engine.Provenance;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptSource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.postgresql.Driver;

import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What every dbmig goal shares: the skip flag, the declared databases and {@code -Ddb} selection, credential
 * lookup (settings.xml servers decrypted with Maven's settings-security), and the mapping of core errors to
 * Maven's: an expected failure (a failing script, pending or out-of-order scripts) is a
 * {@link MojoFailureException}, a broken setup a {@link MojoExecutionException}.
 */
public abstract class AbstractDbmigMojo extends AbstractMojo {

    /** Skips the goal. */
    @Parameter(property = "dbmig.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The databases this project manages. Each {@code <database>} has an {@code <id>} and either a {@code <url>} or an
     * {@code <image>}; optional {@code <serverId>}, {@code <username>}, {@code <password>}, {@code <schema>},
     * {@code <changelogTable>}, {@code <scripts>}, {@code <variables>}, {@code <lockTimeout>} (PostgreSQL's
     * {@code lock_timeout} for its scripts), {@code <backup>} (over the plugin-level one) and {@code <protected>}.
     * See the usage page.
     */
    @Parameter
    private List<Database> databases;

    /**
     * Which database(s) to work on: an id, a comma-separated list of ids, or {@code all}. May be left out when only
     * one database is declared.
     */
    @Parameter(property = "db")
    private String db;

    /** Directory of the migration scripts ({@code <id>_<description>.sql}); a database's own {@code <scripts>} wins. */
    @Parameter(property = "dbmig.scripts", defaultValue = "${project.basedir}/migrations")
    private File scripts;

    /** Encoding of the scripts. */
    @Parameter(property = "dbmig.encoding", defaultValue = "${project.build.sourceEncoding}")
    private String encoding;

    /**
     * How long a goal that writes waits for the dbmig lock held by another run on the same changelog:
     * {@code 30s}, {@code 10m}, {@code 1h} or ISO-8601 such as {@code PT10M}.
     */
    @Parameter(property = "dbmig.lockTimeout", defaultValue = "10m")
    private String lockTimeout;

    /** The Maven settings, for {@code <server>} credentials. */
    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;

    /** The project being built: its coordinates and git commit go into every history row. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** This plugin, for its version in history rows. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /**
     * How backups are taken and kept: {@code <directory>}, {@code <format>} (custom, directory, plain),
     * {@code <compression>}, {@code <jobs>}, {@code <schemas>}, {@code <keep>}, {@code <beforeChange>},
     * {@code <freeSpaceRatio>}, {@code <pgBinDir>}. A {@code <database>} may have its own {@code <backup>}.
     */
    @Parameter
    private Backup backup;

    /** Where backups go, over {@code <backup><directory>}: for a one-off backup to another place. */
    @Parameter(property = "dbmig.backup.directory")
    private File backupDirectory;

    /** Check every backup fully: {@code full} restores it into a scratch database and compares row counts. */
    @Parameter(property = "dbmig.backup.verify", defaultValue = "quick")
    private String backupVerify;

    /** The default backup directory. */
    @Parameter(defaultValue = "${project.build.directory}/dbmig/backups", readonly = true, required = true)
    private File defaultBackupDirectory;

    /** Maven's resolver, for Testcontainers when an {@code <image>} database needs it. */
    @Component
    private RepositorySystem repositorySystem;

    /** The build's resolver session: its local repository, mirrors and offline mode. */
    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    /** Where plugins and their dependencies come from, for Testcontainers. */
    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true, required = true)
    private List<RemoteRepository> pluginRepositories;

    /** Decrypts settings.xml passwords encrypted with Maven's settings-security. */
    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dbmig: skipped (dbmig.skip=true).");
            return;
        }
        try {
            run();
        } catch (MigrationFailedException e) {
            // the message is complete; Maven would repeat the cause's text after it, so the cause goes to -X only
            getLog().debug(e);
            throw new MojoFailureException(e.getMessage());
        } catch (SetupException e) {
            getLog().debug(e);
            throw new MojoExecutionException(e.getMessage());
        }
    }

    /** The goal itself; core exceptions may pass through, they are mapped by {@link #execute()}. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** What a goal does with one selected database. */
    @FunctionalInterface
    protected interface DatabaseWork {
        void run(SelectedDatabase database);
    }

    /** Runs {@code work} on each selected database in turn, stopping at the first failure. */
    protected final void forEachSelectedDatabase(DatabaseWork work) {
        MigrationLog log = new MavenMigrationLog(getLog());
        for (DatabaseSpec spec : selectedDatabases()) {
            try (DatabaseHandle handle = open(spec)) {
                getLog().info("Database " + spec.id() + ": " + handle.target() + ", changelog " + spec.changelogName()
                        + ", scripts " + spec.scripts());
                MigrationTarget target = new MigrationTarget(spec.id(), handle.target(), spec.schema(), spec.changelogTable(),
                        DurationText.parse(lockTimeout, "dbmig.lockTimeout"), spec.ddlLockTimeout());
                Migrator migrator = new Migrator(target, new ScriptSource(spec.scripts(), charset(), spec.variables()), log,
                        provenance());
                work.run(new SelectedDatabase(spec, handle.target(), backupSettings(spec), migrator));
            }
        }
    }

    private BackupSettings backupSettings(DatabaseSpec spec) {
        String verify = backupVerify == null ? "quick" : backupVerify.strip();
        if (!verify.equals("quick") && !verify.equals("full")) {
            throw new SetupException("-Ddbmig.backup.verify=" + backupVerify + " is not quick or full.");
        }
        Database declared = databases.stream().filter(d -> spec.id().equals(d.getId())).findFirst().orElseThrow();
        BackupSettings settings = Backup.resolve(declared.getBackup(), backup, defaultBackupDirectory.toPath(),
                spec.isContainer(), verify.equals("full"));
        return backupDirectory == null ? settings : settings.inDirectory(backupDirectory.toPath());
    }

    /** Database names of the declared databases marked {@code <protected>}, with their ids. */
    protected final Map<String, String> protectedDatabaseNames() {
        Map<String, String> names = new HashMap<>();
        for (Database d : databases == null ? List.<Database>of() : databases) {
            if (d.isProtected() && d.getUrl() != null) {
                Properties url = Driver.parseURL(d.getUrl(), null);
                if (url != null && url.getProperty("PGDBNAME") != null) {
                    names.put(url.getProperty("PGDBNAME"), d.getId());
                }
            }
        }
        return names;
    }

    /** Who runs this build, where, and which build it is; never a secret. */
    private Provenance provenance() {
        String gav = project == null ? null : project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        String commit = project == null || project.getBasedir() == null ? null
                : GitCommit.of(project.getBasedir().toPath()).orElse(null);
        return new Provenance(System.getProperty("user.name"), hostName(), gav, commit,
                plugin == null ? null : plugin.getVersion());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The selected databases, checked, in selection order. */
    protected final List<DatabaseSpec> selectedDatabases() {
        List<Database> declared = databases == null ? List.of() : databases;
        List<String> ids = declared.stream().map(Database::getId).toList();
        List<DatabaseSpec> selected = new ArrayList<>();
        for (String id : DatabaseSelector.select(ids, db)) {
            Database d = declared.get(ids.indexOf(id));
            Path dir = (d.getScripts() != null ? d.getScripts() : scripts).toPath();
            selected.add(DatabaseSpec.of(d.getId(), d.getUrl(), d.getImage(), d.getServerId(), d.getUsername(),
                    d.getPassword(), d.getSchema(), d.getChangelogTable(), dir, d.getVariables())
                    .withDdlLockTimeout(d.getLockTimeout()));
        }
        return selected;
    }

    /** The plugin-level scripts directory, or the selected database's own when exactly one is declared or chosen. */
    protected final Path scriptsDirectory() {
        boolean oneDatabase = databases != null && (databases.size() == 1 || (db != null && !db.isBlank() && !db.contains(",")
                && !db.strip().equals("all")));
        return oneDatabase ? selectedDatabases().get(0).scripts() : scripts.toPath();
    }

    /** Parses a {@code dbmig.target}-style id, naming the property when it is not one. */
    protected static ScriptId parseId(String value, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        ScriptId id = ScriptId.parseOrNull(value);
        if (id == null) {
            throw new SetupException("-D" + property + "=" + value + " is not a script id (digits, as in the file name"
                    + " 20240101120000_add_users.sql), nor 0.");
        }
        return id;
    }

    private DatabaseHandle open(DatabaseSpec spec) {
        if (spec.isContainer()) {
            return ContainerLauncher.start(spec.id(), spec.image(), getLog()::info,
                    TestcontainersJars.resolve(repositorySystem, repositorySession, pluginRepositories));
        }
        return DatabaseHandle.existing(new ConnectionTarget(spec.url(), credentials(spec)));
    }

    private Credentials credentials(DatabaseSpec spec) {
        Database declared = databases.stream().filter(d -> spec.id().equals(d.getId())).findFirst().orElseThrow();
        Optional<Credentials> server = serverCredentials(spec.serverId(), declared.hasExplicitServerId());
        String passFile = System.getenv("PGPASSFILE");
        Path pgPass = passFile != null && !passFile.isBlank() ? Paths.get(passFile)
                : Paths.get(System.getProperty("user.home"), ".pgpass");
        CredentialResolver resolver = new CredentialResolver(System.getenv(), new PgPassFile(pgPass, getLog()::warn),
                System.getProperty("user.name"));
        return resolver.resolve(spec.id(), spec.url(), server, spec.serverId(), spec.username(), spec.password());
    }

    private Optional<Credentials> serverCredentials(String serverId, boolean explicit) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            if (explicit) {
                throw new SetupException("<serverId>" + serverId + "</serverId>: settings.xml has no <server> with that id.");
            }
            return Optional.empty();
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new SetupException("settings.xml <server> " + serverId + ": cannot decrypt its password ("
                        + problem.getMessage() + "). Check the master password in settings-security.xml.");
            }
        }
        Server decrypted = result.getServer();
        return Optional.of(new Credentials(decrypted.getUsername(), decrypted.getPassword(),
                "settings.xml server " + serverId, "settings.xml server " + serverId));
    }

    private Charset charset() {
        if (encoding == null || encoding.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new SetupException("dbmig.encoding \"" + encoding + "\" is not a known character set.");
        }
    }

}
