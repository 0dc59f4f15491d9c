package io.github.dbmig.maven;

import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.config.DurationText;
import io.github.dbmig.config.Redactor;
import io.github.dbmig.container.ImageDatabases;
import io.github.dbmig.container.RunningDatabase;
import io.github.dbmig.core.DatabaseOperations;
import io.github.dbmig.core.Discovery;
import io.github.dbmig.core.Fleet;
import io.github.dbmig.core.FleetReport;
import io.github.dbmig.core.RunContext;
import io.github.dbmig.core.Shard;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.script.ScriptId;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every dbmig goal shares: the skip flag, the declared databases and {@code -Ddb} selection, credential lookup
 * (settings.xml servers decrypted with Maven's settings-security), containers for {@code <image>} databases, and the
 * mapping of core errors to Maven's: an expected failure (a failing script, pending scripts, drift) is a
 * {@link MojoFailureException}, a broken setup a {@link MojoExecutionException}. No message leaves with a password in it.
 */
public abstract class AbstractDbmigMojo extends AbstractMojo {

    /** Skips the goal. */
    @Parameter(property = "dbmig.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The databases this project manages. Each {@code <database>} has an {@code <id>} (letters, digits, '.', '_', '-')
     * and either a {@code <url>} or an {@code <image>}; optional {@code <serverId>}, {@code <username>},
     * {@code <password>} (printed by {@code mvn -X}: prefer settings.xml or the environment), {@code <schema>},
     * {@code <changelogTable>}, {@code <scripts>}, {@code <variables>}, {@code <lockTimeout>} (PostgreSQL's
     * {@code lock_timeout} for its scripts), {@code <backup>} (over the plugin-level one) and {@code <protected>}.
     * See the usage page.
     */
    @Parameter
    private List<DatabaseParameters> databases;

    /**
     * Which database(s) to work on: an id, a comma-separated list of ids, a pattern ({@code tenant-*}), or {@code all};
     * {@code <id>/<name>} picks among the databases or schemas a declared pattern stands for. May be left out when
     * only one database is declared.
     */
    @Parameter(property = "db")
    private String db;

    /**
     * On how many databases at a time {@code upgrade}, {@code downgrade}, {@code verify}, {@code status},
     * {@code backup} and {@code tag} work, each with its own lock, backup and history. Default 1.
     */
    @Parameter(property = "dbmig.parallel", defaultValue = "1")
    private String parallel;

    /** Stop starting further databases after the first one fails; without it, every database is tried. */
    @Parameter(property = "dbmig.failFast", defaultValue = "false")
    private boolean failFast;

    /**
     * This job's share of the selected databases when CI runs N jobs side by side: {@code K/N}. The databases, sorted by
     * id, are dealt round-robin; each job writes its own {@code target/dbmig/fleet-<goal>.json}, and
     * {@code dbmig:fleet-report} merges them.
     */
    @Parameter(property = "dbmig.shard")
    private String shard;

    /** The goal being run, for the report over many databases. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private org.apache.maven.plugin.MojoExecution mojoExecution;

    /** Directory of the migration scripts ({@code <id>_<description>.sql}); a database's own {@code <scripts>} wins. */
    @Parameter(property = "dbmig.scripts", defaultValue = "${project.basedir}/migrations")
    private File scripts;

    /** Encoding of the scripts. */
    @Parameter(property = "dbmig.encoding", defaultValue = "${project.build.sourceEncoding}")
    private String encoding;

    /**
     * How long a goal that writes waits for the dbmig lock held by another run on the same changelog:
     * {@code 30s}, {@code 10m}, {@code 1h} or ISO-8601 such as {@code PT10M}. Default {@code 10m}.
     */
    @Parameter(property = "dbmig.lockWait")
    private String lockWait;

    /**
     * The former name of {@code dbmig.lockWait}, read for now with a warning.
     *
     * @deprecated use {@code dbmig.lockWait}; a database's {@code <lockTimeout>} is PostgreSQL's {@code lock_timeout}.
     */
    @Deprecated
    @Parameter(property = "dbmig.lockTimeout")
    private String lockTimeout;

    /**
     * How long connecting to a database and logging in may take before the goal fails naming the host:
     * {@code 10s} by default.
     */
    @Parameter(property = "dbmig.connectTimeout", defaultValue = "10s")
    private String connectTimeout;

    /**
     * How long dbmig waits for PostgreSQL to answer one of its own queries (reading the changelog, recording a
     * script) before the goal fails naming the host: {@code 2m} by default. A script's own statements take as long as
     * they need; while anything takes long, the log says every 30 seconds what dbmig is waiting for.
     */
    @Parameter(property = "dbmig.readTimeout", defaultValue = "2m")
    private String readTimeout;

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
    private BackupParameters backup;

    /** Where backups go, over {@code <backup><directory>}: for a one-off backup to another place. */
    @Parameter(property = "dbmig.backup.directory")
    private File backupDirectory;

    /** Check every backup fully: {@code full} restores it into a scratch database and compares row counts. */
    @Parameter(property = "dbmig.backup.verify", defaultValue = "quick")
    private String backupVerify;

    /** The default backup directory. */
    @Parameter(defaultValue = "${project.build.directory}/dbmig/backups", readonly = true, required = true)
    private File defaultBackupDirectory;

    /** Decrypts settings.xml passwords encrypted with Maven's settings-security. */
    @Component
    private SettingsDecrypter settingsDecrypter;

    private final List<String> secrets = new ArrayList<>();
    private List<Database> declared;

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
            throw new MojoFailureException(Redactor.mask(e.getMessage(), secrets));
        } catch (SetupException e) {
            getLog().debug(e);
            throw new MojoExecutionException(Redactor.mask(e.getMessage(), secrets));
        }
    }

    /** The goal itself; core exceptions may pass through, they are mapped by {@link #execute()}. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** What a goal does with one selected database. */
    @FunctionalInterface
    protected interface DatabaseWork {
        void run(DatabaseOperations operations, Database database);
    }

    /**
     * Runs {@code work} on each selected database: one alone as it is; several (or a shard of them) as a fleet,
     * {@code dbmig.parallel} at a time, with a table at the end and the build failing if any database failed.
     */
    protected final void forEachSelectedDatabase(DatabaseWork work) {
        RunContext context = runContext();
        Shard share = Shard.parse(shard);
        int atOnce = Fleet.parallelism(parallel);
        List<Database> targets = targets();
        if (share != null) {
            targets = share.of(targets);
        }
        if (targets.size() == 1 && share == null) {
            runOn(targets.get(0), context, work);
            return;
        }
        Fleet fleet = new Fleet(context, atOnce, failFast);
        FleetReport report = fleet.run(mojoExecution == null ? "goal" : mojoExecution.getGoal(),
                share == null ? null : share.toString(), targets, (database, own) -> {
                    DatabaseOperations operations = runOn(database, own, work);
                    return operations.lastOutcome().map(o -> new FleetReport.Row(database.id(),
                            o.from().map(Object::toString).orElse(null), o.to().map(Object::toString).orElse(null),
                            o.done().size(), 0, o.backup(), FleetReport.OK, null))
                            .orElse(new FleetReport.Row(database.id(), null, null, 0, 0, null, FleetReport.OK, null));
                });
        DbmigException failure = fleet.failure(report);
        if (failure != null) {
            throw failure;
        }
    }

    private DatabaseOperations runOn(Database database, RunContext context, DatabaseWork work) {
        try (RunningDatabase running = new ImageDatabases(projectDirectory(), System.getenv(), context.log()).open(database)) {
            Database ready = running.database();
            remember(ready);
            context.log().info("Database " + ready.id() + ": " + ready.url() + " as " + ready.credentials() + ", changelog "
                    + ready.changelogName() + ", scripts " + ready.scripts()
                    + (running.origin() == null ? "" : "; " + running.origin()));
            DatabaseOperations operations = new DatabaseOperations(ready, context);
            work.run(operations, ready);
            return operations;
        }
    }

    /** The selected databases, those a pattern stands for found on their servers, by id within each declaration. */
    protected final List<Database> targets() {
        List<Database> all = declaredDatabases();
        List<String> ids = all.stream().map(Database::id).toList();
        List<Database> targets = new ArrayList<>();
        for (DatabaseSelector.Choice choice : DatabaseSelector.choose(ids, db)) {
            targets.addAll(Discovery.expand(all.get(ids.indexOf(choice.id())), choice));
        }
        targets.forEach(this::remember);
        return targets;
    }

    /** Every declared database, checked, in pom order. */
    protected final List<Database> declaredDatabases() {
        if (declared == null) {
            Databases factory = new Databases(databases, scripts.toPath(), charset(), backup,
                    defaultBackupDirectory.toPath(), backupDirectory == null ? null : backupDirectory.toPath(),
                    fullVerify(), DurationText.parse(connectTimeout, "dbmig.connectTimeout"),
                    DurationText.parse(readTimeout, "dbmig.readTimeout"), reuseOverride(),
                    new SettingsCredentials(settings, settingsDecrypter), System.getenv(), System.getProperty("user.name"), log());
            secrets.addAll(factory.pomSecrets());
            declared = factory.all();
            declared.forEach(this::remember);
        }
        return declared;
    }

    /** The selected databases, in selection order. */
    protected final List<Database> selectedDatabases() {
        List<Database> all = declaredDatabases();
        List<String> ids = all.stream().map(Database::id).toList();
        return DatabaseSelector.select(ids, db).stream().map(id -> all.get(ids.indexOf(id))).toList();
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

    protected final Log log() {
        return new MavenLog(getLog());
    }

    /** The plugin-level scripts directory. */
    protected final Path pluginScriptsDirectory() {
        return scripts.toPath();
    }

    /** The {@code <database>} elements as written, unchecked. */
    protected final List<DatabaseParameters> declaredParameters() {
        return databases == null ? List.of() : databases;
    }

    /** The project's directory: containers and build state belong to a project. */
    protected final Path projectDirectory() {
        return project == null || project.getBasedir() == null ? Path.of("").toAbsolutePath() : project.getBasedir().toPath();
    }

    protected final MavenProject project() {
        return project;
    }

    /** {@code -Ddbmig.reuse} where a goal takes it: it wins over a database's {@code <reuse>}. */
    protected Boolean reuseOverride() {
        return null;
    }

    protected final RunContext runContext() {
        return new RunContext(MavenProvenance.of(project, plugin), lockWait(), skipBackup(), outputDirectory(),
                Clock.systemUTC(), new SystemProcessRunner(), log());
    }

    /** Whether this goal skips the backup before change; only goals that change a database have the choice. */
    protected boolean skipBackup() {
        return false;
    }

    /** Where this goal writes what it reports: {@code target/dbmig}, unless the goal says otherwise. */
    protected Path outputDirectory() {
        return defaultOutputDirectory();
    }

    /** {@code target/dbmig}. */
    protected final Path defaultOutputDirectory() {
        return defaultBackupDirectory.toPath().getParent();
    }

    private Duration lockWait() {
        if (lockTimeout != null && !lockTimeout.isBlank()) {
            getLog().warn("-Ddbmig.lockTimeout (the wait for another dbmig run) is deprecated: use -Ddbmig.lockWait."
                    + " A database's <lockTimeout> is PostgreSQL's lock_timeout for its scripts.");
            if (lockWait == null || lockWait.isBlank()) {
                return DurationText.parse(lockTimeout, "dbmig.lockTimeout");
            }
        }
        return DurationText.parse(lockWait == null || lockWait.isBlank() ? "10m" : lockWait, "dbmig.lockWait");
    }

    private boolean fullVerify() {
        String verify = backupVerify == null ? "quick" : backupVerify.strip();
        if (!verify.equals("quick") && !verify.equals("full")) {
            throw new SetupException("-Ddbmig.backup.verify=" + backupVerify + " is not quick or full.");
        }
        return verify.equals("full");
    }

    private void remember(Database database) {
        if (database.credentials() != null && database.credentials().hasPassword()) {
            remember(database.credentials().password());
        }
    }

    /** A secret to mask in every message this goal fails with. */
    protected final void remember(String secret) {
        if (secret != null) {
            secrets.add(secret);
        }
    }

    protected final Charset charset() {
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
