package io.github.dbmig.maven;

import java.io.File;
import java.util.Map;

/**
 * A {@code <database>} element of the plugin configuration, as written. Maven fills the fields; {@link Databases}
 * turns them into the checked {@link io.github.dbmig.config.Database} that everything below works on.
 */
public class DatabaseParameters {

    /** The id that {@code -Ddb} selects; required and unique. */
    String id;

    /**
     * JDBC URL of the database, e.g. {@code jdbc:postgresql://db.example:5432/app}. Give this or {@code image}. A
     * password written in it is used, but {@code mvn -X} prints the URL as Maven's configuration dump shows it, so
     * dbmig warns about it as about a pom {@code <password>}.
     */
    String url;

    /**
     * A PostgreSQL container image, e.g. {@code postgres:17}, instead of {@code url}: dbmig runs the database in a
     * container of its own, through the engine's own client ({@code <dockerExecutable>}: {@code docker} or
     * {@code podman}), which reaches the engine as it does for you (its context, {@code DOCKER_HOST} with TLS or
     * {@code ssh://}, a named pipe). The image (a tag or a digest, from any registry the client is logged in to) is
     * pulled when missing; the
     * container gets a random password and a random published port. A goal on its own starts a throwaway container and
     * removes it when the goal ends; {@code dbmig:start} starts one that the later goals of the build use and
     * {@code dbmig:stop} removes, unless it is kept for {@code reuse}. A container not kept is removed when the build
     * ends, even when it fails or is interrupted.
     */
    String image;

    /** The settings.xml {@code <server>} holding the credentials (passwords may be encrypted). Default: the id. */
    String serverId;

    /** User name, when neither settings.xml nor the environment gives one. */
    String username;

    /**
     * Password, when no other source gives one: the settings.xml {@code <server>}, the URL, the environment
     * ({@code DBMIG_<ID>_PASSWORD}, then {@code PGPASSWORD}) and the password file ({@code ~/.pgpass}, or the one
     * {@code PGPASSFILE} names) come first. dbmig's own log never shows a password, not even the {@code mvn -X} debug
     * output: its messages are written without one, and every password it knows is masked in them as well. But Maven's
     * own {@code -X} output shows the plugin configuration, this value with it, and the pom is usually shared: a
     * password here is allowed but discouraged.
     * Prefer a settings.xml {@code <server>} (see {@code serverId}) with the password encrypted by
     * {@code mvn --encrypt-password}, {@code PGPASSWORD}, or {@code ~/.pgpass}.
     */
    String password;

    /** Schema to manage: first on the search_path, home of the changelog, and {@code ${schema}} in scripts. */
    String schema;

    /** Name of the changelog table. Default: {@code changelog}. */
    String changelogTable;

    /** This database's scripts directory, instead of the plugin-level {@code scripts}. */
    File scripts;

    /** Values for {@code ${name}} placeholders in this database's scripts. */
    Map<String, String> variables;

    /**
     * PostgreSQL {@code lock_timeout} for this database's scripts, e.g. {@code 10s} (the default): how long a statement
     * may queue for a table lock before giving up, so that a migration does not stall the application behind a long
     * query. A statement that gives up is retried with back-off a few times, then the goal fails.
     */
    String lockTimeout;

    /** This database's {@code <backup>} settings, over the plugin-level ones. */
    BackupParameters backup;

    /**
     * A database that {@code dbmig:restore -Ddbmig.replace=true} may replace only with {@code -Ddbmig.confirm=<id>}.
     */
    String isProtected;

    /**
     * For {@code dbmig:start}: a directory of {@code .sql} files run in name order after the upgrade, in one
     * transaction, not recorded in the changelog. Default: none.
     */
    File testData;

    /**
     * For {@code dbmig:start} with an {@code <image>}: keep the container after the build, and give each later build a
     * fresh copy of a template migrated once (again only when the scripts change). {@code -Ddbmig.reuse} wins.
     */
    String reuse;

    /**
     * For {@code dbmig:start} with a {@code <url>}: also publish the password (in a project property and in
     * {@code target/dbmig/<id>.properties}). Default false: a production password does not belong under target/.
     * Handed to tests as a failsafe {@code <systemPropertyVariables>} entry, it is also written into
     * {@code target/failsafe-reports/TEST-*.xml}: let the tests read the properties file, or use
     * {@code <environmentVariables>}.
     */
    String publishPassword;

    /**
     * For {@code dbmig:rehearse}: {@code <rehearse><server>scratch</server></rehearse>} names another declared database
     * whose server takes this database's scratch copy (an {@code <image>} one of the same PostgreSQL major version,
     * say). It wins over the plugin-level {@code <rehearse>}; {@code -Ddbmig.rehearse.server} wins over both.
     */
    RehearseParameters rehearse;

    /** {@code <protected>}: the name is a Java keyword, so Maven sets it through this setter. */
    public void setProtected(String isProtected) {
        this.isProtected = isProtected;
    }

    @Override
    public String toString() {
        return "database " + id; // never the password
    }
}
