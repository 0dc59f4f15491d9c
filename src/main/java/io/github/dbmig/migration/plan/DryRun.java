package io.github.dbmig.migration.plan;

import io.github.dbmig.connect.SqlIdentifier;
import io.github.dbmig.migration.session.OwnTables;
import io.github.dbmig.migration.tables.Changelog;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.SqlStatement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.github.dbmig.errors.Messages.about;

/**
 * A plan rendered as the SQL text a run would send, placeholders filled, with the transactions and changelog rows
 * around each script, and what the checks warned about. Nothing is run to make it.
 *
 * @param databaseId the database
 * @param goal       {@code upgrade} or {@code downgrade}
 * @param plan       what would run
 * @param sql        the rendered SQL
 */
public record DryRun(String databaseId, String goal, Plan plan, String sql) {

    /** Renders {@code plan} as it would run on a database in {@code state}. */
    public static DryRun of(String databaseId, String goal, Plan plan, OwnTables tables, DatabaseState state) {
        Changelog changelog = new Changelog(tables);
        List<String> creation = new ArrayList<>();
        if (!plan.isEmpty() && !state.changelogExists()) {
            creation.addAll(changelog.createStatements(state.schemaExists()));
        }
        StringBuilder sql = new StringBuilder();
        sql.append("-- dbmig ")
                .append(goal)
                .append(" of database ")
                .append(databaseId)
                .append(", dry run planned at ")
                .append(Instant.now())
                .append("\n-- Nothing was run. dbmig also records each change in its dbmig_history table.\n");
        for (String warning : plan.warnings()) {
            sql.append("-- warning: ").append(warning.replace("\n", "\n--   ")).append('\n');
        }
        sql.append('\n');
        for (String statement : creation) {
            sql.append(statement).append(";\n");
        }
        for (ParsedScript script : plan.steps()) {
            boolean transactional = !plan.outsideTransaction(script);
            String role = script.directives().role();
            sql.append("\n-- ")
                    .append(script.file().path())
                    .append(plan.direction() == Plan.Direction.UP ? " (up part)" : " (undo part)")
                    .append(
                            transactional
                                    ? ": one transaction with its changelog row\n"
                                    : ": outside a transaction, statement by statement\n");
            if (transactional) {
                sql.append("BEGIN;\n");
                if (role != null) {
                    sql.append("SET LOCAL ROLE ")
                            .append(SqlIdentifier.quote(role))
                            .append(";\n");
                }
            } else if (role != null) {
                sql.append("SET ROLE ").append(SqlIdentifier.quote(role)).append(";\n");
            }
            for (SqlStatement statement : plan.part(script).statements()) {
                sql.append(statement.sql().strip()).append(";\n");
            }
            if (role != null) {
                sql.append("RESET ROLE;\n");
            }
            sql.append(
                            plan.direction() == Plan.Direction.UP
                                    ? changelog.insertStatement(script.file())
                                    : changelog.deleteStatement(script.file().id()))
                    .append(";\n");
            if (transactional) {
                sql.append("COMMIT;\n");
            }
        }
        return new DryRun(databaseId, goal, plan, sql.toString());
    }

    /** "Database prod: upgrade would apply 2 script(s): 3_a.sql, 4_b.sql." */
    public String summary() {
        if (plan.isEmpty()) {
            return about(databaseId) + "nothing to " + goal + ".";
        }
        return about(databaseId) + goal + " would "
                + plan.direction().verb() + " " + plan.steps().size() + " script(s): "
                + String.join(
                        ", ",
                        plan.steps().stream().map(s -> s.file().fileName()).toList()) + ".";
    }
}
