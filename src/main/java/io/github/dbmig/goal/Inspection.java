package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.status.StatusReader;
import io.github.dbmig.migration.status.StatusReport;
import io.github.dbmig.migration.status.Verifier;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.History;
import io.github.dbmig.migration.tables.HistoryRow;
import io.github.dbmig.migration.tables.Tags;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptSet;

import java.sql.SQLException;
import java.util.List;

/** The goals that only read: where a database stands, its history, and whether it is what its scripts say. */
final class Inspection {

    private final Database database;
    private final RunContext context;
    private final Scripts scripts;

    Inspection(Database database, RunContext context, Scripts scripts) {
        this.database = database;
        this.context = context;
        this.scripts = scripts;
    }

    StatusReport status() {
        try (Sessions.Opened opened = Sessions.openWhileScanning(database, context, scripts)) {
            return StatusReader.report(
                    database.id(),
                    database.changelogName(),
                    DatabaseState.read(opened.session()),
                    opened.scripts(),
                    database.encoding());
        } catch (SQLException e) {
            throw Sessions.failure(database, "status", e, "");
        }
    }

    List<HistoryRow> history(int limit) {
        try (DatabaseSession session = Sessions.open(database, context)) {
            return History.newest(session, DatabaseState.read(session), limit);
        } catch (SQLException e) {
            throw Sessions.failure(database, "status", e, "");
        }
    }

    /**
     * @param expect null; a script id; {@code head} (every script applied, nothing beyond); or {@code tag:<name>}
     */
    List<String> problems(String expect) {
        try (Sessions.Opened opened = Sessions.openWhileScanning(database, context, scripts)) {
            DatabaseState state = DatabaseState.read(opened.session());
            return new Verifier(opened.session(), context.log())
                    .problems(state, opened.scripts(), scripts.parser(), expected(expect, opened.scripts(), state));
        } catch (SQLException e) {
            throw Sessions.failure(database, "verify", e, "");
        }
    }

    String verify(String expect) {
        List<String> problems = problems(expect);
        if (!problems.isEmpty()) {
            throw new MigrationFailedException("Database " + database.id() + " does not match its scripts ("
                    + problems.size() + " problem(s)):\n  " + String.join("\n  ", problems));
        }
        String line = "Database " + database.id() + " matches its scripts: nothing pending, no script changed,"
                + " no schema drift" + (expect == null || expect.isBlank() ? "" : ", at " + expect.strip()) + ".";
        context.log().info(line);
        return line;
    }

    private ScriptId expected(String expect, ScriptSet set, DatabaseState state) {
        String value = expect == null ? "" : expect.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.equals("head")) {
            return set.newestId().orElse(ScriptId.ZERO);
        }
        if (value.startsWith("tag:")) {
            return Tags.resolve(
                    database.id(),
                    state.tags(),
                    value.substring("tag:".length()).strip());
        }
        ScriptId id = ScriptId.parseOrNull(value);
        if (id == null) {
            throw new SetupException("-Ddbmig.expect=" + value + " is not a script id, head, or tag:<name>.");
        }
        if (!id.isZero() && !set.contains(id)) {
            throw new SetupException("-Ddbmig.expect=" + id + " is not the id of a script in " + set.directory()
                    + " (newest: " + set.newestId().map(ScriptId::toString).orElse("no scripts") + ").");
        }
        return id;
    }
}
