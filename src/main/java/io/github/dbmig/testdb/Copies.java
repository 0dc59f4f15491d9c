package io.github.dbmig.testdb;

import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.connect.SqlIdentifier;
import io.github.dbmig.log.Log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.dbmig.errors.Messages.about;

/**
 * The copies that builds make of a template in a reused container, one per build, each marked with the build that
 * made it: {@code dbmig copy for <id>; made by build process <pid>@<host> (started <instant>) at <instant>}. Two
 * builds of one checkout may run at once (an IDE's beside a terminal's), so a copy is dropped only when the build that
 * made it is gone: its process, on this host, has ended. A copy made on another host (a build in another container
 * sharing the Docker engine), whose process cannot be looked at, is dropped once it is older than {@link #AGE_LIMIT},
 * as is any copy, since no build runs that long (a Maven daemon's JVM may). A copy marked by a dbmig that did not yet
 * name its owner ({@code dbmig copy for <id>} alone) is dropped, as that dbmig did.
 */
public final class Copies {

    /** How old a copy is when it is dropped whoever made it. */
    static final Duration AGE_LIMIT = Duration.ofHours(24);

    private static final String COMMENT = "dbmig copy for ";
    private static final Pattern OWNER =
            Pattern.compile("; made by build process (\\d+)@(\\S+) \\(started (\\S+)\\) at (\\S+)");

    private final Connection admin;
    private final String databaseId;
    private final String where;
    private final Log log;

    /**
     * @param admin      a connection to another database of the server, in autocommit mode
     * @param databaseId the declared database's id, whose copies these are
     * @param where      the container, for messages
     */
    public Copies(Connection admin, String databaseId, String where, Log log) {
        this.admin = admin;
        this.databaseId = databaseId;
        this.where = where;
        this.log = log;
    }

    /** Marks {@code copy} as this declared database's, made at {@code made} by {@code owner}. */
    public void mark(String copy, BuildOwner owner, Instant made) throws SQLException {
        String comment = COMMENT + databaseId + "; made by build process " + owner.pidAtHost() + " (started "
                + (owner.started() == null ? "unknown" : owner.started()) + ") at "
                + made.truncatedTo(ChronoUnit.MILLIS);
        try (Statement statement = admin.createStatement()) {
            statement.execute(
                    "COMMENT ON DATABASE " + SqlIdentifier.quote(copy) + " IS '" + comment.replace("'", "''") + "'");
        }
    }

    /**
     * Drops the copies whose build is gone, and those older than {@link #AGE_LIMIT}; leaves the others, saying so.
     *
     * @return the names of the copies dropped
     */
    public List<String> dropAbandoned(Instant now) throws SQLException {
        List<String> dropped = new ArrayList<>();
        for (String[] copy : copies()) {
            String name = copy[0];
            Fate fate = fate(copy[1].substring(COMMENT.length() + databaseId.length()), now);
            if (fate == null) {
                continue; // not a mark of ours: left alone
            }
            if (fate.drop()) {
                AdminConnection.drop(admin, name);
                dropped.add(name);
                log.info(about(databaseId) + "dropped " + name + " in " + where + ", " + fate.why() + ".");
            } else {
                log.info(about(databaseId) + "left " + name + " in " + where + ": " + fate.why() + ".");
            }
        }
        return dropped;
    }

    /** What becomes of a copy, and why. */
    private record Fate(boolean drop, String why) {}

    /** @param owner the comment after {@code dbmig copy for <id>}; null when it is not a mark of ours */
    private static Fate fate(String owner, Instant now) {
        if (owner.isEmpty()) {
            return new Fate(true, "a copy made by an earlier dbmig that did not name its build");
        }
        Matcher m = OWNER.matcher(owner);
        if (!m.matches()) {
            return null;
        }
        Instant made;
        BuildOwner build;
        try {
            made = Instant.parse(m.group(4));
            build = new BuildOwner(
                    Long.parseLong(m.group(1)),
                    m.group(2),
                    m.group(3).equals("unknown") ? null : Instant.parse(m.group(3)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        if (Duration.between(made, now).compareTo(AGE_LIMIT) > 0) {
            return new Fate(
                    true,
                    "the copy of a build (process " + build.pidAtHost() + ") made more than " + AGE_LIMIT.toHours()
                            + " hours ago");
        }
        if (build.isGone()) {
            return new Fate(true, "the copy of a build that is gone (process " + build.pidAtHost() + ")");
        }
        return new Fate(
                false,
                "the build that made it (process " + build.pidAtHost() + ") "
                        + (build.isLocal()
                                ? "is still running"
                                : "runs on another host, and the copy is less than " + AGE_LIMIT.toHours()
                                        + " hours old"));
    }

    /** Name and comment of each database marked as a copy of this declared database. */
    private List<String[]> copies() throws SQLException {
        List<String[]> copies = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement("SELECT datname, shobj_description(oid, 'pg_database')"
                + " FROM pg_database WHERE shobj_description(oid, 'pg_database') LIKE 'dbmig copy for %' ORDER BY 1")) {
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String comment = rs.getString(2);
                    if (comment.equals(COMMENT + databaseId) || comment.startsWith(COMMENT + databaseId + "; ")) {
                        copies.add(new String[] {rs.getString(1), comment});
                    }
                }
            }
        }
        return copies;
    }
}
