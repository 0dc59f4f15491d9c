package io.github.dbmig.maven;

import io.github.dbmig.api.Dbmig;
import io.github.dbmig.api.Selection;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.log.Secrets;
import io.github.dbmig.maven.build.MavenLog;
import io.github.dbmig.maven.build.MojoFailures;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

import java.nio.file.Path;
import java.util.List;

/**
 * What every dbmig goal shares: the command line's {@code -Ddbmig.*} properties checked for typos first, the skip
 * flag, the declared databases and {@code -Ddb} selection, credential lookup (settings.xml servers decrypted with
 * Maven's settings-security), the door to dbmig ({@link Dbmig}), and the mapping of core errors to Maven's: an
 * expected failure (a failing script, pending scripts, drift) is a {@link MojoFailureException}, a broken setup a
 * {@link MojoExecutionException}. No message leaves with a password in it, neither a log line nor the one the goal
 * fails with. The parameters are declared in {@link AbstractDbmigParameters}.
 */
public abstract class AbstractDbmigMojo extends AbstractDbmigParameters {

    private final Secrets secrets = new Secrets();
    private List<Database> declared;
    private Dbmig dbmig;

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

    /** The door to dbmig for this goal of this build. */
    protected final Dbmig dbmig() {
        if (dbmig == null) {
            dbmig = new Dbmig(build(skipBackup(), outputDirectory(), log()), log(), secrets);
        }
        return dbmig;
    }

    /** The selected databases and how a goal goes over several of them. */
    protected final Selection selection() {
        return new Selection(this::targets, fleetOptions());
    }

    /** The selected databases, those a pattern stands for found on their servers, by id within each declaration. */
    protected final List<Database> targets() {
        return dbmig().select(declaredDatabases(), db());
    }

    /** Every declared database, checked, in pom order. */
    protected final List<Database> declaredDatabases() {
        if (declared == null) {
            Databases factory = databaseFactory(reuseOverride(), log());
            secrets.addAll(factory.pomSecrets());
            declared = factory.all();
            declared.forEach(d -> secrets.add(d.password()));
        }
        return declared;
    }

    /** The selected databases, in selection order. */
    protected final List<Database> selectedDatabases() {
        List<Database> all = declaredDatabases();
        List<String> ids = all.stream().map(Database::id).toList();
        return DatabaseSelector.select(ids, db()).stream()
                .map(id -> all.get(ids.indexOf(id)))
                .toList();
    }

    /** The plugin-level scripts directory, or the selected database's own when exactly one is declared or chosen. */
    protected final Path scriptsDirectory() {
        if (declaredParameters().size() != 1 && (db() == null || db().isBlank())) {
            return pluginScriptsDirectory();
        }
        List<Database> selected = selectedDatabases();
        return selected.size() == 1 ? selected.get(0).scripts() : pluginScriptsDirectory();
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

    /** Whether this goal skips the backup before change; only goals that change a database have the choice. */
    protected boolean skipBackup() {
        return false;
    }

    /** Where this goal writes what it reports: {@code target/dbmig}, unless the goal says otherwise. */
    protected Path outputDirectory() {
        return defaultOutputDirectory();
    }
}
