package io.github.dbmig.config;

/** A request to run scripts on a database: up ({@link UpgradeRequest}) or down ({@link DowngradeRequest}). */
public sealed interface ChangeRequest permits UpgradeRequest, DowngradeRequest {

    /** Plan and write the SQL instead of running it. */
    boolean dryRun();
}
