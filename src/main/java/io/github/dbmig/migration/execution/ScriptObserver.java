package io.github.dbmig.migration.execution;

import io.github.dbmig.migration.plan.Plan;
import io.github.dbmig.script.ParsedScript;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Watches a plan run script by script, for a rehearsal: what each script locks, how many rows its tables hold, and
 * what the schema looks like before and after it. The ordinary run has none.
 */
public interface ScriptObserver {

    ScriptObserver NONE = new ScriptObserver() {};

    /** Before the script starts, outside any transaction. */
    default void before(ParsedScript script, Plan.Direction direction, Connection connection) throws SQLException {}

    /**
     * Inside the script's own transaction, after its last statement and before dbmig's rows and the commit: the locks
     * it took are still held. Not called for a script that runs outside a transaction.
     */
    default void beforeCommit(ParsedScript script, Plan.Direction direction, Connection connection)
            throws SQLException {}

    /** After the script was committed. */
    default void after(ParsedScript script, Plan.Direction direction, long millis, Connection connection)
            throws SQLException {}
}
