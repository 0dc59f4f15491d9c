package io.github.dbmig.migration.tables;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.session.OwnTables;
import io.github.dbmig.script.ScriptId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static io.github.dbmig.errors.Messages.about;

/**
 * Release tags in {@code dbmig_tags}: a name (a release's version, say) on the newest script a database had when it
 * was tagged, with who, when, which build and git commit. A tag stays when its script is undone, so that a database can
 * go back up to it, and a tag names one script only, unless it is moved on purpose.
 */
public final class Tags {

    private final OwnTables tables;

    public Tags(OwnTables tables) {
        this.tables = tables;
    }

    void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag text PRIMARY KEY,"
                    + " script_id numeric(20,0) NOT NULL, tagged_at timestamptz NOT NULL DEFAULT now(),"
                    + " db_user text NOT NULL"
                    + " DEFAULT session_user, os_user text, host text, project text, git_commit text,"
                    + " dbmig_version text)");
        }
    }

    static String selectStatement(OwnTables tables) {
        return "SELECT tag, script_id FROM " + tables.tags();
    }

    /** Every tag, by name, with the script it names. */
    static SortedMap<String, ScriptId> rows(ResultSet rs) throws SQLException {
        SortedMap<String, ScriptId> tags = new TreeMap<>();
        while (rs.next()) {
            tags.put(rs.getString(1), ScriptId.of(rs.getBigDecimal(2)));
        }
        return tags;
    }

    /**
     * Tags the newest applied script, in one transaction.
     *
     * @param retag move the tag when it names another script
     * @return what was done, as a sentence
     */
    public String tag(
            DatabaseSession session, DatabaseState state, String tag, boolean retag, Provenance provenance, Log log)
            throws SQLException {
        String id = session.database().id();
        ScriptId newest = state.newest()
                .orElseThrow(() -> new MigrationFailedException(
                        about(id) + "no script is applied, so there is nothing to tag with " + tag + "."));
        return tag(session, newest, state.tags().get(tag), tag, retag, provenance, log);
    }

    /**
     * Before a release: fails unless {@code tag} is free on this database or already names {@code end}, the script
     * the run will end at, so that nothing is changed by a release that could not be tagged.
     */
    public static void checkRelease(String databaseId, Map<String, ScriptId> tags, String tag, Optional<ScriptId> end) {
        if (end.isEmpty()) {
            throw new MigrationFailedException(about(databaseId) + "no script is applied or pending, so there is"
                    + " nothing to tag with " + tag + ". Nothing was changed.");
        }
        ScriptId existing = tags.get(tag);
        if (existing != null && !existing.equals(end.get())) {
            throw new MigrationFailedException(about(databaseId) + "release tag " + tag + " already names script "
                    + existing + ", but this upgrade would end at script " + end.get()
                    + ". Nothing was changed. Give this"
                    + " release a tag of its own (a new version in -Ddbmig.releaseTag or <releaseTag>).");
        }
    }

    /**
     * Tags {@code newest}, the newest applied script, in one transaction.
     *
     * @param existing the script the tag names now, or null
     * @param retag    move the tag when it names another script
     * @return what was done, as a sentence
     */
    public String tag(
            DatabaseSession session,
            ScriptId newest,
            ScriptId existing,
            String tag,
            boolean retag,
            Provenance provenance,
            Log log)
            throws SQLException {
        String id = session.database().id();
        if (newest.equals(existing)) {
            String line = about(id) + "tag " + tag + " already names " + newest + "; nothing changed.";
            log.info(line);
            return line;
        }
        if (existing != null && !retag) {
            throw new MigrationFailedException(about(id) + "tag " + tag + " already names script " + existing
                    + ", not the newest applied " + newest
                    + ". Choose another tag, or move it with -Ddbmig.retag=true.");
        }
        Connection connection = session.connection();
        try {
            create(connection);
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.tags()
                    + " (tag, script_id, os_user, host, project, git_commit, dbmig_version) VALUES (?, ?, ?, ?, ?, ?,"
                    + " ?)"
                    + " ON CONFLICT (tag) DO UPDATE SET script_id = excluded.script_id, tagged_at = now(),"
                    + " db_user = session_user, os_user = excluded.os_user, host = excluded.host, project ="
                    + " excluded.project,"
                    + " git_commit = excluded.git_commit, dbmig_version = excluded.dbmig_version")) {
                upsert.setString(1, tag);
                upsert.setBigDecimal(2, newest.toBigDecimal());
                upsert.setString(3, provenance.osUser());
                upsert.setString(4, provenance.host());
                upsert.setString(5, provenance.project());
                upsert.setString(6, provenance.gitCommit());
                upsert.setString(7, provenance.dbmigVersion());
                upsert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        String line = about(id) + "tagged " + newest + " as " + tag
                + (existing == null ? "." : " (moved from " + existing + ").");
        log.info(line);
        return line;
    }

    /** The script a tag names on this database; the error lists the tags it has. */
    public static ScriptId resolve(String databaseId, Map<String, ScriptId> tags, String tag) {
        ScriptId id = tags.get(tag);
        if (id == null) {
            List<String> known = new ArrayList<>();
            tags.forEach((name, script) -> known.add(name + " (" + script + ")"));
            throw new MigrationFailedException("Database " + databaseId + " has no tag " + tag + "; its tags: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
        }
        return id;
    }
}
