package io.github.dbmig.engine;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlPart;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one part of a script and its changelog change in a single transaction: killed or failing at any point,
 * the script is either applied and recorded or not applied at all.
 */
final class ScriptExecutor {

    /** The changelog change that commits with the script: record it after an up, remove it after an undo. */
    @FunctionalInterface
    interface ChangelogChange {
        void apply(Connection connection) throws SQLException;
    }

    private static final Pattern PLPGSQL_LINE = Pattern.compile("PL/pgSQL function inline_code_block line (\\d+)");

    private final Connection connection;
    private final String databaseId;
    private final MigrationLog log;

    ScriptExecutor(Connection connection, String databaseId, MigrationLog log) {
        this.connection = connection;
        this.databaseId = databaseId;
        this.log = log;
    }

    /**
     * @param what      "up" or "undo", for messages
     * @param afterFail what the database looks like if this script fails, for the message
     */
    void run(ParsedScript script, SqlPart part, String what, ChangelogChange change, String afterFail) {
        SqlStatement current = null;
        boolean committing = false;
        try (Statement statement = connection.createStatement()) {
            for (SqlStatement sql : part.statements()) {
                current = sql;
                statement.execute(sql.sql());
                forwardNotices(script, statement.getWarnings());
                statement.clearWarnings();
            }
            current = null;
            change.apply(connection);
            committing = true;
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new MigrationFailedException(describe(script, what, current, committing, e) + "\n" + afterFail, e);
        }
    }

    private void forwardNotices(ParsedScript script, SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            ServerErrorMessage server = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
            String severity = server == null || server.getSeverity() == null ? "WARNING" : server.getSeverity();
            String text = script.file().fileName() + ": " + severity + ": " + (server == null ? w.getMessage() : server.getMessage());
            if (severity.equals("WARNING")) {
                log.warn(text);
            } else {
                log.info(text);
            }
        }
    }

    private String describe(ParsedScript script, String what, SqlStatement statement, boolean committing, SQLException e) {
        String file = script.file().path().toString();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        StringBuilder text = new StringBuilder();
        if (statement == null) {
            text.append("Database ").append(databaseId).append(": ")
                    .append(committing ? "committing " : "recording ").append(what).append(" of script ").append(file)
                    .append(" failed: ").append(firstLine(e.getMessage()));
            if (committing && isConnectionProblem(e)) {
                text.append("\nThe connection broke during COMMIT, so the script may or may not be applied: run dbmig:status.");
            }
            return text.toString();
        }
        int line = lineOf(statement, server);
        text.append("Database ").append(databaseId).append(": script ").append(file).append(" failed at line ").append(line)
                .append(" (").append(what).append(" part, statement from line ").append(statement.line()).append(": ")
                .append(statement.summary()).append(")\n  ");
        if (server != null) {
            text.append(server.getSeverity()).append(": ").append(server.getMessage())
                    .append(" (SQLSTATE ").append(server.getSQLState()).append(')');
            appendIfPresent(text, "Detail", server.getDetail());
            appendIfPresent(text, "Hint", server.getHint());
            appendIfPresent(text, "Where", server.getWhere());
        } else {
            text.append(firstLine(e.getMessage()));
        }
        return text.toString();
    }

    /** The error's own position when PostgreSQL gives one, a PL/pgSQL line of a DO block, else the statement's line. */
    private static int lineOf(SqlStatement statement, ServerErrorMessage server) {
        if (server == null) {
            return statement.line();
        }
        if (server.getPosition() > 0) {
            return statement.lineOfPosition(server.getPosition());
        }
        if (server.getWhere() != null && statement.startsWith("DO")) {
            Matcher m = PLPGSQL_LINE.matcher(server.getWhere());
            int body = statement.sql().indexOf('$');
            if (m.find() && body >= 0) {
                return statement.lineOfPosition(body + 1) + Integer.parseInt(m.group(1)) - 1;
            }
        }
        return statement.line();
    }

    private static void appendIfPresent(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append("\n  ").append(label).append(": ").append(value);
        }
    }

    private static boolean isConnectionProblem(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; PostgreSQL rolls back an uncommitted transaction on its own
        }
    }
}
