package io.github.dbmig.api;

import io.github.dbmig.backup.ClientImages;
import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.RehearsalRequest;
import io.github.dbmig.config.RestoreRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.container.ContainerEngine;
import io.github.dbmig.container.DockerCli;
import io.github.dbmig.fleet.Discovery;
import io.github.dbmig.fleet.Fleet;
import io.github.dbmig.fleet.FleetReports;
import io.github.dbmig.fleet.FleetRun;
import io.github.dbmig.fleet.RelativeDowngrade;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.goal.Outcome;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.goal.SchemaVersionFile;
import io.github.dbmig.log.Log;
import io.github.dbmig.log.Secrets;
import io.github.dbmig.migration.tables.HistoryRow;
import io.github.dbmig.migration.tables.Provenance;
import io.github.dbmig.rehearse.Rehearsal;
import io.github.dbmig.rehearse.ScratchServers;
import io.github.dbmig.script.NewScriptWriter;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testdb.ImageDatabases;
import io.github.dbmig.testdb.Published;
import io.github.dbmig.testdb.TestDatabases;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one door to dbmig for a build tool, in the spirit of Flyway's {@code Flyway} and Jib's {@code Jib}: each goal is
 * one call with a request, run on one database or, when several (or a shard) are selected, on a fleet; it opens each
 * database for the goal (an {@code <image>} one in its container), hands out test databases and rehearsals, and knows
 * nothing of Maven. Every password it comes to know is added to the {@link Secrets} it was given, so that the caller's
 * log and failures mask it.
 */
public final class Dbmig {

    private final Build build;
    private final Log log;
    private final Secrets secrets;
    private RunContext context;
    private final ImageDatabases images;
    private final ContainerEngine engine;

    public Dbmig(Build build, Log log, Secrets secrets) {
        this.build = build;
        this.log = log;
        this.secrets = secrets;
        this.engine = DockerCli.of(build.containers().dockerExecutable(), build.environment());
        this.images = new ImageDatabases(build.projectDirectory(), engine, build.containers(), build.state(), log);
    }

    /**
     * What one run shares across its databases: provenance (read from git), lock wait, client programs. Made on first
     * use, so that goals that reach no database (new, schema-version, fleet-report) do not read the checkout's git.
     */
    private synchronized RunContext context() {
        if (context == null) {
            context = new RunContext(
                            Provenance.ofBuild(
                                    build.projectDirectory(),
                                    build.project(),
                                    build.pluginVersion(),
                                    build.environment()),
                            build.lockWait().get(),
                            build.skipBackup(),
                            build.outputDirectory(),
                            Clock.systemUTC(),
                            new SystemProcessRunner(),
                            new ClientImages(engine, build.containers(), log),
                            log)
                    .syncingEachScript(build.syncEachScript());
        }
        return context;
    }

    /**
     * The databases {@code db} (-Ddb) selects among {@code declared}, those a pattern stands for found on their
     * servers.
     */
    public List<Database> select(List<Database> declared, String db) {
        List<String> ids = declared.stream().map(Database::id).toList();
        List<Database> targets = new ArrayList<>();
        for (DatabaseSelector.Choice choice : DatabaseSelector.choose(ids, db)) {
            targets.addAll(Discovery.expand(declared.get(ids.indexOf(choice.id())), choice));
        }
        targets.forEach(d -> secrets.add(d.password()));
        return targets;
    }

    /** Applies pending scripts as {@code request} says on each selected database. */
    public void upgrade(Selection selection, UpgradeRequest request) {
        run(selection, Fleet.Precondition.NONE, (operations, database) -> operations.change(request));
    }

    /** Undoes scripts as {@code request} says on each selected database; a number of steps on one database only. */
    public void downgrade(Selection selection, DowngradeRequest request) {
        run(
                selection,
                RelativeDowngrade.oneDatabaseOnly(request.steps()),
                (operations, database) -> operations.change(request));
    }

    /** Records exactly the scripts up to {@code target} as applied, running none of them. */
    public void stamp(Selection selection, ScriptId target) {
        each(selection, operations -> operations.stamp(target));
    }

    /** Tags the newest applied script; {@code retag} moves a tag that names another script. */
    public void tag(Selection selection, String tag, boolean retag) {
        each(selection, operations -> operations.tag(tag, retag));
    }

    /** Logs where each database stands, and its newest history rows when asked to. */
    public void status(Selection selection, StatusRequest request) {
        each(selection, operations -> {
            operations.status().lines().forEach(log::info);
            if (request.history()) {
                List<HistoryRow> rows = operations.history(request.historyRows());
                if (rows.isEmpty()) {
                    log.info("No history recorded yet.");
                } else {
                    log.info("History, newest first:");
                    rows.forEach(row -> log.info(row.line()));
                }
            }
        });
    }

    /** Fails listing every problem when a database is not what its scripts say; {@code expect} as for verify. */
    public void verify(Selection selection, String expect) {
        each(selection, operations -> operations.verify(expect));
    }

    /** Backs each selected database up as configured. */
    public void backup(Selection selection) {
        each(selection, operations -> operations.backup());
    }

    /** Restores a backup of the selected database; {@code declared} to find a managed or protected one it replaces. */
    public void restore(Selection selection, RestoreRequest request, List<Database> declared) {
        each(selection, operations -> operations.restore(request, declared));
    }

    /**
     * Rehearses the pending scripts of each selected database on a copy.
     *
     * @param scratchHosts for each declared id, the declared database whose server takes the copy, when not its own;
     *                     reached (its container started) only once a rehearsal's cheap checks have passed
     */
    public void rehearse(Selection selection, RehearsalRequest request, Map<String, Database> scratchHosts) {
        try (ScratchServers servers = new ScratchServers(scratchHosts, images::open, secrets::add)) {
            run(
                    selection,
                    Fleet.Precondition.NONE,
                    (operations, database) -> new Rehearsal(database, context())
                            .rehearsal(request.on(servers.of(database.id())))
                            .outcome());
        }
    }

    /**
     * Makes each database ready for the project's tests (see {@link TestDatabases}) and returns the project
     * properties that say how to reach them, {@code dbmig.<id>.url}, {@code .username}, ….
     *
     * @param target the last script to apply, or null for all
     */
    public Map<String, String> start(List<Database> databases, ScriptId target) {
        TestDatabases tests = new TestDatabases(context(), images);
        tests.checkBeforeStart(databases);
        Map<String, String> properties = new LinkedHashMap<>();
        for (Database database : databases) {
            Published published = tests.start(database, target);
            secrets.add(published.password());
            published.properties().forEach((key, value) -> properties.put("dbmig." + database.id() + "." + key, value));
        }
        return properties;
    }

    /** Removes what {@link #start} started in this build; {@code purge} removes containers kept for reuse too. */
    public void stop(List<Database> databases, boolean purge) {
        TestDatabases tests = new TestDatabases(context(), images);
        databases.forEach(database -> tests.stop(database, purge));
    }

    /**
     * Ends a build for one project: removes every container that {@link #start} started in it and no {@link #stop}
     * removed (never one kept for reuse), saying so in {@code log}. Call it once the build is over, whatever its
     * result.
     *
     * @param buildState the project's {@link Build#state()} of the build that ended
     */
    public static void endOfBuild(Map<String, Object> buildState, Log log) {
        TestDatabases.endOfBuild(buildState, log);
    }

    /** Merges the fleet reports in {@code reports} and below, for the databases {@code selected}; fails as they say. */
    public void mergeFleetReports(Path reports, List<String> selected) {
        FleetReports.mergeInto(reports, selected, build.outputDirectory(), log);
    }

    /** Writes the next script's file in {@code directory}; returns it. */
    public Path newScript(Path directory, String description) {
        return new NewScriptWriter(Clock.systemUTC()).write(directory, description);
    }

    /** Writes {@code META-INF/dbmig/schema-version.properties} under {@code resources}; returns its keys. */
    public Map<String, String> writeSchemaVersion(
            Path resources, Map<String, Path> directories, Charset encoding, String projectVersion) {
        return SchemaVersionFile.write(resources, directories, encoding, projectVersion);
    }

    /** Where {@link #writeSchemaVersion} writes, below its directory. */
    public static String schemaVersionPath() {
        return SchemaVersionFile.PATH;
    }

    /** Runs {@code work}, which changes no script's state, on each selected database. */
    private void each(Selection selection, Consumer<DatabaseOperations> work) {
        run(selection, Fleet.Precondition.NONE, (operations, database) -> {
            work.accept(operations);
            return Outcome.none();
        });
    }

    private void run(Selection selection, Fleet.Precondition precondition, FleetRun.DatabaseWork work) {
        new FleetRun(selection.fleet(), build.goal(), images, secrets)
                .forEach(context(), selection.databases(), precondition, work);
    }
}
