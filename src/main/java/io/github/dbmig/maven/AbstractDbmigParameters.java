package io.github.dbmig.maven;

import io.github.dbmig.api.Build;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.DurationText;
import io.github.dbmig.config.FleetOptions;
import io.github.dbmig.config.Values;
import io.github.dbmig.log.Log;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * The parameters every dbmig goal shares, as Maven injects them, and what they read as: the skip flag, the declared
 * databases and {@code -Ddb} selection, how several databases are run, scripts, waits and timeouts, backups, and the
 * build they belong to. What Maven injects besides is {@link AbstractGoalContext}'s; what the goals do with them is
 * {@link AbstractDbmigMojo}'s.
 */
public abstract class AbstractDbmigParameters extends AbstractGoalContext {

    /** Skips the goal. */
    @Parameter(property = "dbmig.skip", defaultValue = "false")
    private String skip;

    /**
     * The databases this project manages. Each {@code <database>} has an {@code <id>} (letters, digits, '.', '_', '-')
     * and either a {@code <url>} or an {@code <image>}; optional {@code <serverId>}, {@code <username>},
     * {@code <password>} (printed by {@code mvn -X}: prefer settings.xml or the environment), {@code <schema>},
     * {@code <changelogTable>}, {@code <scripts>}, {@code <variables>}, {@code <lockTimeout>} (PostgreSQL's
     * {@code lock_timeout} for its scripts), {@code <backup>} (over the plugin-level one), {@code <protected>}, and for
     * dbmig:start {@code <testData>}, {@code <reuse>} and {@code <publishPassword>}, for dbmig:rehearse
     * {@code <rehearse>} (over the plugin-level one). See the usage page.
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
     * {@code backup}, {@code tag}, {@code stamp} and {@code rehearse} work, each with its own lock, backup and history.
     * Default 1.
     */
    @Parameter(property = "dbmig.parallel", defaultValue = "1")
    private String parallel;

    /** Stop starting further databases after the first one fails; without it, every database is tried. */
    @Parameter(property = "dbmig.failFast", defaultValue = "false")
    private String failFast;

    /**
     * This job's share of the selected databases when CI runs N jobs side by side: {@code K/N}. A database belongs to
     * shard 1 + (the first 4 bytes of SHA-256 of its id, unsigned big-endian) mod N, so one added or removed moves no
     * other; each job writes its own {@code fleet-<goal>.json}, and {@code dbmig:fleet-report} merges them.
     */
    @Parameter(property = "dbmig.shard")
    private String shard;

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

    /**
     * How every backup is checked: {@code quick} (the default: its checksum, and {@code pg_restore --list} or a full
     * gzip read) or {@code full} (also restored into a scratch database, row counts compared with the source).
     */
    @Parameter(property = "dbmig.backup.verify", defaultValue = "quick")
    private String backupVerify;

    /**
     * The container engine's command-line client that runs dbmig's containers ({@code <image>} databases,
     * {@code dbmig:start}, rehearsals' scratch servers, client programs run from an image): {@code docker} (the
     * default), {@code podman}, or the path to either. dbmig reaches the engine exactly as that client does for you:
     * its current context or {@code DOCKER_CONTEXT}, {@code DOCKER_HOST} (also with TLS, {@code ssh://} or a Windows
     * named pipe), and the registry credentials of its {@code config.json} and credential helpers.
     */
    @Parameter(property = "dbmig.dockerExecutable", defaultValue = "docker")
    private String dockerExecutable;

    /**
     * Where pg_dump, pg_restore and psql come from: {@code local} (found in {@code <pgBinDir>}, on the PATH or where
     * PostgreSQL's installers put them), {@code container} (run from {@code <clientImage>} through the container
     * engine), or {@code auto} (the default: local when one of the server's major version or newer is found, else from
     * the image when an engine answers).
     */
    @Parameter(property = "dbmig.clientTools", defaultValue = "auto")
    private String clientTools;

    /**
     * The image that client programs run from when they are not local: by default the official {@code postgres} image
     * of the server's major version ({@code postgres:17}). Without a tag (a company mirror such as
     * {@code registry.example.com/mirror/postgres}), the server's major version is its tag.
     */
    @Parameter(property = "dbmig.clientImage")
    private String clientImage;

    /**
     * Whether the PostgreSQL containers dbmig starts ({@code <image>} databases, {@code dbmig:start}) keep their data
     * directory in memory (a tmpfs): creating, copying and migrating their databases is then several times faster than
     * on the container's disk, and their data, test data included, takes memory instead. Default true; set false for
     * test data too large for memory.
     */
    @Parameter(property = "dbmig.containerDataInMemory", defaultValue = "true")
    private String containerDataInMemory;

    /**
     * Whether every transactional script's COMMIT waits for the disk. By default (false) each script commits with
     * {@code synchronous_commit = off} and the run's last commit, and the bookkeeping that ends a failed or
     * interrupted run, waits for the disk and for a synchronous standby, flushing all before it: a script and its
     * changelog row still commit or vanish together after a crash of the server, and whatever the goal reports as
     * applied is durable when it says so. Scripts that run outside a transaction always commit their marks so.
     */
    @Parameter(property = "dbmig.syncEachScript", defaultValue = "false")
    private String syncEachScript;

    /** The default backup directory. */
    @Parameter(defaultValue = "${project.build.directory}/dbmig/backups", readonly = true, required = true)
    private File defaultBackupDirectory;

    /** Whether the goal is skipped. */
    final boolean skipped() {
        return commandLine().isTrue(skip, "dbmig.skip", "skip");
    }

    /** {@code -Ddb}, as written. */
    final String db() {
        return db;
    }

    /** How the goal runs on several databases. */
    final FleetOptions fleetOptions() {
        return new FleetOptions(parallel, commandLine().isTrue(failFast, "dbmig.failFast", "failFast"), shard);
    }

    /** The {@code <databases>} as declared, with the plugin-level values they default to. */
    final Databases databaseFactory(Boolean reuse, Log log) {
        return new Databases(
                databases,
                scripts.toPath(),
                charset(),
                backup,
                defaultBackupDirectory.toPath(),
                backupDirectory == null ? null : backupDirectory.toPath(),
                Values.oneOf(backupVerify, "quick", "full", "dbmig.backup.verify")
                        .equals("full"),
                DurationText.parse(connectTimeout, "dbmig.connectTimeout"),
                DurationText.parse(readTimeout, "dbmig.readTimeout"),
                reuse,
                settingsCredentials(),
                System.getenv(),
                System.getProperty("user.name"),
                log);
    }

    /**
     * The build this goal runs in, as dbmig's door takes it, with {@code dbmig.lockWait} (or the deprecated
     * {@code dbmig.lockTimeout}, with a warning to {@code log}).
     */
    final Build build(boolean skipBackup, Path outputDirectory, Log log) {
        return build(
                () -> DurationText.lockWait(lockWait, lockTimeout, log),
                skipBackup,
                outputDirectory,
                ContainerOptions.parse(
                        dockerExecutable,
                        clientTools,
                        clientImage,
                        commandLine()
                                .isTrue(containerDataInMemory, "dbmig.containerDataInMemory", "containerDataInMemory")),
                commandLine().isTrue(syncEachScript, "dbmig.syncEachScript", "syncEachScript"),
                log);
    }

    /** The plugin-level scripts directory. */
    protected final Path pluginScriptsDirectory() {
        return scripts.toPath();
    }

    /** The {@code <database>} elements as written, unchecked. */
    protected final List<DatabaseParameters> declaredParameters() {
        return databases == null ? List.of() : databases;
    }

    /** {@code target/dbmig}. */
    protected final Path defaultOutputDirectory() {
        return defaultBackupDirectory.toPath().getParent();
    }

    protected final Charset charset() {
        return Values.charset(encoding, "dbmig.encoding");
    }
}
