package io.github.dbmig.migration.status;

/** Where a script stands on a database. */
public enum ScriptState {
    /** Recorded in the changelog, file present. */
    APPLIED,
    /** File present, not recorded, newer than every applied script. */
    PENDING,
    /** File present, not recorded, older than the newest applied script: upgrade refuses it without outOfOrder. */
    PENDING_OUT_OF_ORDER,
    /** Recorded in the changelog, but its file is gone. */
    MISSING_FILE
}
