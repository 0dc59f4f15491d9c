package io.github.dbmig.maven;

import java.io.File;
import java.util.Map;

/**
 * A {@code <database>} element of the plugin configuration. Maven fills the fields; {@link #toSpec} checks them.
 */
public class Database {

    /** The id that {@code -Ddb} selects; required and unique. */
    private String id;

    /** JDBC URL of the database, e.g. {@code jdbc:postgresql://db.example:5432/app}. Give this or {@code image}. */
    private String url;

    /**
     * A PostgreSQL container image, e.g. {@code postgres:17}: instead of {@code url}, a throwaway database is started
     * with Testcontainers for the duration of the goal.
     */
    private String image;

    /** The settings.xml {@code <server>} holding the credentials (passwords may be encrypted). Default: the id. */
    private String serverId;

    /** User name, when neither settings.xml nor the environment gives one. */
    private String username;

    /** Password, when no other source gives one. Allowed but discouraged: prefer settings.xml. */
    private String password;

    /** Schema to manage: first on the search_path, home of the changelog, and {@code ${schema}} in scripts. */
    private String schema;

    /** Name of the changelog table. Default: {@code changelog}. */
    private String changelogTable;

    /** This database's scripts directory, instead of the plugin-level {@code scripts}. */
    private File scripts;

    /** Values for {@code ${name}} placeholders in this database's scripts. */
    private Map<String, String> variables;

    /**
     * PostgreSQL {@code lock_timeout} for this database's scripts, e.g. {@code 10s} (the default): how long a statement
     * may queue for a table lock before giving up, so that a migration does not stall the application behind a long
     * query. A statement that gives up is retried with back-off a few times, then the goal fails.
     */
    private String lockTimeout;

    /** This database's {@code <backup>} settings, over the plugin-level ones. */
    private Backup backup;

    /**
     * A database that {@code dbmig:restore -Ddbmig.replace=true} may replace only with {@code -Ddbmig.confirm=<id>}.
     */
    private boolean isProtected;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getServerId() {
        return serverId;
    }

    public void setServerId(String serverId) {
        this.serverId = serverId;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getChangelogTable() {
        return changelogTable;
    }

    public void setChangelogTable(String changelogTable) {
        this.changelogTable = changelogTable;
    }

    public File getScripts() {
        return scripts;
    }

    public void setScripts(File scripts) {
        this.scripts = scripts;
    }

    public Map<String, String> getVariables() {
        return variables;
    }

    public void setVariables(Map<String, String> variables) {
        this.variables = variables;
    }

    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Backup getBackup() {
        return backup;
    }

    public void setBackup(Backup backup) {
        this.backup = backup;
    }

    public boolean isProtected() {
        return isProtected;
    }

    /** {@code <protected>}: the name is a Java keyword, so Maven sets it through this setter. */
    public void setProtected(boolean isProtected) {
        this.isProtected = isProtected;
    }

    /** Whether {@code <serverId>} was written in the pom (then a missing server is an error, not a fallback). */
    boolean hasExplicitServerId() {
        return serverId != null && !serverId.isBlank();
    }

    @Override
    public String toString() {
        return "database " + id; // never the password
    }
}
