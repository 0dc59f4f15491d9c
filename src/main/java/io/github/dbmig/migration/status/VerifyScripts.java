package io.github.dbmig.migration.status;

import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptDirectory;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptParser;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripts in {@code <scripts>/verify/} ({@code <id>_<description>.sql}): checks that run after {@code upgrade}
 * and in {@code verify}, each in a read-only transaction that is rolled back. One fails when a statement raises an
 * error or returns a row whose first column is false.
 */
public final class VerifyScripts {

    static final String DIRECTORY = "verify";

    private VerifyScripts() {}

    /** @return one line per failure; empty when all pass or there are none */
    public static List<String> run(Connection connection, Path scriptsDir, ScriptParser parser, Log log)
            throws SQLException {
        Path dir = scriptsDir.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> failures = new ArrayList<>();
        for (ScriptFile file : ScriptDirectory.scan(dir, new ArrayList<>()).all()) {
            ParsedScript script = parser.parse(file);
            String failure = runOne(connection, script);
            if (failure != null) {
                failures.add(failure);
            } else {
                log.debug("Verify script " + file.fileName() + " passed.");
            }
        }
        return failures;
    }

    private static String runOne(Connection connection, ParsedScript script) throws SQLException {
        SqlStatement current = null;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
            for (SqlStatement sql : script.up().statements()) {
                current = sql;
                boolean rows = statement.execute(sql.sql());
                while (rows || statement.getUpdateCount() != -1) {
                    if (rows) {
                        try (ResultSet rs = statement.getResultSet()) {
                            while (rs.next()) {
                                if (Boolean.FALSE.equals(asBoolean(rs.getObject(1)))) {
                                    return "verify script " + script.file().path() + " line " + sql.line() + ": "
                                            + sql.summary() + " returned false" + rowText(rs);
                                }
                            }
                        }
                    }
                    rows = statement.getMoreResults();
                }
            }
            return null;
        } catch (PSQLException e) {
            return "verify script " + script.file().path() + (current == null ? "" : " line " + current.line()) + ": "
                    + (e.getServerErrorMessage() == null
                            ? e.getMessage()
                            : e.getServerErrorMessage().getMessage());
        } finally {
            DatabaseSession.rollbackIfOpen(connection);
        }
    }

    private static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return null;
    }

    private static String rowText(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        if (columns < 2) {
            return "";
        }
        List<String> values = new ArrayList<>();
        for (int i = 2; i <= columns; i++) {
            values.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getString(i));
        }
        return " (" + String.join(", ", values) + ")";
    }
}
