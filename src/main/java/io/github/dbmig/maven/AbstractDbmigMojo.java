package io.github.dbmig.maven;

import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.core.DatabaseOperations;
import io.github.dbmig.core.Discovery;
import io.github.dbmig.core.Fleet;
import io.github.dbmig.core.RunContext;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.script.ScriptId;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What every dbmig goal shares: the command line's {@code -Ddbmig.*} properties checked for typos first, the skip
 * flag, the declared databases and {@code -Ddb} selection, credential lookup (settings.xml servers decrypted with
 * Maven's settings-security), containers for {@code <image>} databases, and the mapping of core errors to Maven's: an
 * expected failure (a failing script, pending scripts, drift) is a {@link MojoFailureException}, a broken setup a
 * {@link MojoExecutionException}. No message leaves with a password in it, neither a log line nor the one the goal
 * fails with. The parameters are declared in {@link AbstractDbmigParameters}.
 */
public abstract class AbstractDbmigMojo extends AbstractDbmigParameters {

    private final Secrets secrets = new Secrets();
    private List<Database> declared;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        MojoFailures failures = new MojoFailures(mavenLog(), secrets);
        try {
            // first of all, before the skip flag: a mistyped -Ddbmig.skip must not run the goal either
            commandLine().check(declaredParameters().stream().map(p -> p.id).toList(), log());
            if (skipped()) {
                log().info("dbmig: skipped (dbmig.skip=true).");
                return;
            }
            run();
        } catch (MigrationFailedException e) {
            throw failures.failure(e);
        } catch (SetupException e) {
            throw failures.error(e);
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
        fleetRun(secrets).forEach(context, this::targets, precondition(), work);
    }

    /** A rule on the whole run that the goal checks before any database is worked on; none by default. */
    protected Fleet.Precondition precondition() {
        return Fleet.Precondition.NONE;
    }

    /** The selected databases, those a pattern stands for found on their servers, by id within each declaration. */
    protected final List<Database> targets() {
        List<Database> all = declaredDatabases();
        List<String> ids = all.stream().map(Database::id).toList();
        List<Database> targets = new ArrayList<>();
        for (DatabaseSelector.Choice choice : DatabaseSelector.choose(ids, db())) {
            targets.addAll(Discovery.expand(all.get(ids.indexOf(choice.id())), choice));
        }
        targets.forEach(secrets::add);
        return targets;
    }

    /** Every declared database, checked, in pom order. */
    protected final List<Database> declaredDatabases() {
        if (declared == null) {
            Databases factory = databaseFactory(reuseOverride(), log());
            secrets.addAll(factory.pomSecrets());
            declared = factory.all();
            declared.forEach(secrets::add);
        }
        return declared;
    }

    /** The selected databases, in selection order. */
    protected final List<Database> selectedDatabases() {
        List<Database> all = declaredDatabases();
        List<String> ids = all.stream().map(Database::id).toList();
        return DatabaseSelector.select(ids, db()).stream().map(id -> all.get(ids.indexOf(id))).toList();
    }

    /** The plugin-level scripts directory, or the selected database's own when exactly one is declared or chosen. */
    protected final Path scriptsDirectory() {
        if (declaredParameters().size() != 1 && (db() == null || db().isBlank())) {
            return pluginScriptsDirectory();
        }
        List<Database> selected = selectedDatabases();
        return selected.size() == 1 ? selected.get(0).scripts() : pluginScriptsDirectory();
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

    /** The build log, every message masked. */
    protected final Log log() {
        return mavenLog();
    }

    private MavenLog mavenLog() {
        return new MavenLog(getLog(), secrets);
    }

    /** {@code -Ddbmig.reuse} where a goal takes it: it wins over a database's {@code <reuse>}. */
    protected Boolean reuseOverride() {
        return null;
    }

    protected final RunContext runContext() {
        return new RunContext(provenance(), lockWait(log()), skipBackup(), outputDirectory(),
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

    /** A secret to mask in every message this goal logs or fails with. */
    protected final void remember(String secret) {
        secrets.add(secret);
    }
}
