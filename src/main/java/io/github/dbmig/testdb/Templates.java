package io.github.dbmig.testdb;

import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.connect.Ahead;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.connect.SqlIdentifier;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.log.Log;
import io.github.dbmig.script.SchemaVersion;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testdb.docker.PostgresContainer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Supplier;

import static io.github.dbmig.errors.Messages.about;

/**
 * In a reused container, every build gets a fresh copy of a template database that was migrated once: as long as the
 * scripts (their checksums), variables and target stay the same, nothing is migrated again. Changed scripts make a new
 * template; outdated templates are dropped, and so are the copies of earlier builds once the build that made each is
 * gone (see {@link Copies}): a build running beside this one keeps its copy.
 */
public final class Templates {

    private static final String TEMPLATE_COMMENT = "dbmig template ";
    /** First half of the key of the lock that builds take to prepare their copies one at a time: "dbmc". */
    private static final int LOCK_SPACE = 0x64626d63;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

    private final Database declared;
    private final PostgresContainer container;
    private final RunContext context;
    private final Log log;

    Templates(Database declared, PostgresContainer container, RunContext context) {
        this.declared = declared;
        this.container = container;
        this.context = context;
        this.log = context.log();
    }

    /** A fresh copy of the up-to-date template (made first when there is none); returns the copy's name. */
    String freshCopy(Supplier<SchemaVersion> version, ScriptId target) throws SQLException {
        try (Ahead<Connection> connecting = Ahead.start(
                "dbmig-connect-" + declared.id(),
                () -> PgConnector.open(ImageDatabases.connect(declared, container, "dbmig")),
                Templates::closeQuietly)) {
            String key = key(version.get(), target);
            try (Connection admin = connecting.get()) {
                return freshCopy(admin, key, target);
            }
        }
    }

    private String freshCopy(Connection admin, String key, ScriptId target) throws SQLException {
        String template = "dbmig_tpl_" + key.substring(0, 16);
        admin.setAutoCommit(true);
        waitForOtherBuilds(admin);
        Copies copies = new Copies(admin, declared.id(), container.toString(), log);
        copies.dropAbandoned(context.clock().instant());
        String current = templates(admin).get(template);
        if (!(TEMPLATE_COMMENT + key).equals(current)) {
            for (String outdated : templates(admin).keySet()) {
                AdminConnection.drop(admin, outdated);
            }
            execute(admin, "CREATE DATABASE " + SqlIdentifier.quote(template));
            log.info(about(declared.id()) + "migrating a template database in " + container + ", once for these"
                    + " scripts.");
            new DatabaseOperations(ImageDatabases.connect(declared, container, template), context)
                    .upgrade(UpgradeRequest.to(target));
            execute(
                    admin,
                    "COMMENT ON DATABASE " + SqlIdentifier.quote(template) + " IS '" + TEMPLATE_COMMENT + key + "'");
        } else {
            log.info(about(declared.id()) + "scripts unchanged since the template in " + container
                    + " was migrated; copying it.");
        }
        String copy = safe(declared.id()) + "_" + STAMP.format(Instant.now());
        // a small template copies faster file by file (and a checkpoint) than through the WAL, 15's default
        execute(
                admin,
                "CREATE DATABASE " + SqlIdentifier.quote(copy) + " TEMPLATE " + SqlIdentifier.quote(template)
                        + (admin.getMetaData().getDatabaseMajorVersion() >= 15 ? " STRATEGY = FILE_COPY" : ""));
        copies.mark(copy, BuildOwner.current(), context.clock().instant());
        return copy; // the lock goes with the admin connection
    }

    /**
     * Another build of this checkout may be preparing the template at the same moment (an IDE's beside a terminal's):
     * one at a time, so that neither drops a template the other is migrating or copying. Held by the admin session.
     */
    private void waitForOtherBuilds(Connection admin) throws SQLException {
        try (PreparedStatement tryLock =
                admin.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_SPACE + ", hashtext(?))")) {
            tryLock.setString(1, declared.id());
            try (ResultSet rs = tryLock.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
        }
        log.info(about(declared.id()) + "another build is preparing its copy in " + container + "; waiting for it.");
        try (PreparedStatement lock =
                admin.prepareStatement("SELECT pg_advisory_lock(" + LOCK_SPACE + ", hashtext(?))")) {
            lock.setString(1, declared.id());
            lock.execute();
        }
    }

    /** Everything that makes a migrated database what it is: the scripts, variables, schema, changelog and target. */
    private String key(SchemaVersion version, ScriptId target) {
        return Sha256.of(version.checksum() + "\n" + new TreeMap<>(declared.variables()) + "\n" + declared.schema()
                + "\n" + declared.changelogTable() + "\n" + target);
    }

    private static TreeMap<String, String> templates(Connection admin) throws SQLException {
        TreeMap<String, String> templates = new TreeMap<>();
        try (Statement query = admin.createStatement();
                ResultSet rs = query.executeQuery("SELECT datname,"
                        + " shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE"
                        + " 'dbmig\\_tpl\\_%'")) {
            while (rs.next()) {
                templates.put(rs.getString(1), rs.getString(2));
            }
        }
        return templates;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // never used
        }
    }

    private static void execute(Connection admin, String sql) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A database id as part of a database name: lower case, letters, digits and '_', short enough for the stamp. */
    private static String safe(String id) {
        String name = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.substring(0, Math.min(name.length(), 40));
    }
}
