package io.github.dbmig.migration.execution;

/**
 * How dbmig's commits wait for the disk. A script and its changelog and history rows commit as one transaction, so
 * after a crash of the server either all of them are there or none is, whether or not the COMMIT waited for its WAL to
 * reach the disk. So every transactional script but a run's last commits with {@code synchronous_commit = off}, unless
 * {@code <syncEachScript>} says otherwise; the run's last script, each mark of a script that runs outside a
 * transaction, and the bookkeeping that ends a failed or interrupted run commit with at least {@code on}. Such a commit
 * flushes the WAL of every commit before it, and waits for a synchronous standby, so that whatever the goal reports
 * as applied is durable by the time it is printed.
 */
final class Commits {

    /** In a script's transaction: its COMMIT does not wait for the disk. */
    static final String ASYNC = "set_config('synchronous_commit', 'off', true)";

    /** In a transaction: its COMMIT waits for the disk (and a synchronous standby), whatever the session's default. */
    static final String DURABLE_SETTING = "set_config('synchronous_commit', CASE WHEN"
            + " current_setting('synchronous_commit') IN ('off', 'local') THEN 'on' ELSE"
            + " current_setting('synchronous_commit') END, true)";

    /** {@link #DURABLE_SETTING} as a statement. */
    static final String DURABLE = "SELECT " + DURABLE_SETTING;

    private Commits() {}
}
