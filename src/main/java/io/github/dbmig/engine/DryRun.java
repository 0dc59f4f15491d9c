package io.github.dbmig.engine;

import io.github.dbmig.config.SqlIdentifier;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlPart;
import io.github.dbmig.script.SqlStatement;

import java.time.Instant;
import java.util.List;

/**
 * What an upgrade or downgrade would run, planned without changing anything: rendered as the SQL text that would
 * be sent, placeholders filled, with the transactions and changelog rows around each script.
 *
 * @param databaseId        the database
 * @param goal              {@code upgrade} or {@code downgrade}
 * @param changelogCreation statements creating the changelog first, when it does not exist yet
 * @param steps             the scripts, in the order they would run
 */
public record DryRun(String databaseId, String goal, List<String> changelogCreation, List<Step> steps) {

    /**
     * One script part.
     *
     * @param script        the script
     * @param part          its up or undo part
     * @param undo          whether it is the undo part
     * @param changelogSql  the changelog change that would commit with it
     */
    public record Step(ParsedScript script, SqlPart part, boolean undo, String changelogSql) {

        static Step up(ParsedScript script, String changelogSql) {
            return new Step(script, script.up(), false, changelogSql);
        }

        static Step undo(ParsedScript script, String changelogSql) {
            return new Step(script, script.undo().orElseThrow(), true, changelogSql);
        }

        boolean transactional() {
            return undo ? !script.undoIsNonTransactional() : !script.upIsNonTransactional();
        }
    }

    /** "would apply 2 script(s) to prod: 3_a.sql, 4_b.sql". */
    public String summary() {
        if (steps.isEmpty()) {
            return "Database " + databaseId + ": nothing to " + goal + ".";
        }
        return "Database " + databaseId + ": " + goal + " would " + (goal.equals("upgrade") ? "apply " : "undo ") + steps.size()
                + " script(s): " + String.join(", ", steps.stream().map(s -> s.script().file().fileName()).toList()) + ".";
    }

    /** The SQL file: what would be sent, in order, with comments saying where each part comes from. */
    public String render() {
        StringBuilder sql = new StringBuilder();
        sql.append("-- dbmig ").append(goal).append(" of database ").append(databaseId).append(", dry run planned at ")
                .append(Instant.now()).append("\n-- Nothing was run. dbmig also records each change in its dbmig_history table.\n\n");
        for (String statement : changelogCreation) {
            sql.append(statement).append(";\n");
        }
        for (Step step : steps) {
            String role = step.script().directives().role();
            sql.append("\n-- ").append(step.script().file().path()).append(step.undo() ? " (undo part)" : " (up part)")
                    .append(step.transactional() ? ": one transaction with its changelog row\n"
                            : ": outside a transaction, statement by statement\n");
            if (step.transactional()) {
                sql.append("BEGIN;\n");
                if (role != null) {
                    sql.append("SET LOCAL ROLE ").append(SqlIdentifier.quote(role)).append(";\n");
                }
            } else if (role != null) {
                sql.append("SET ROLE ").append(SqlIdentifier.quote(role)).append(";\n");
            }
            for (SqlStatement statement : step.part().statements()) {
                sql.append(statement.sql().strip()).append(";\n");
            }
            if (role != null) {
                sql.append("RESET ROLE;\n");
            }
            sql.append(step.changelogSql()).append(";\n");
            if (step.transactional()) {
                sql.append("COMMIT;\n");
            }
        }
        return sql.toString();
    }
}
