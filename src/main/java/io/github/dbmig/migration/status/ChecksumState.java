package io.github.dbmig.migration.status;

/** How an applied script's file compares with the checksum recorded when it was applied or stamped. */
public enum ChecksumState {
    /** Not applied, or its file is gone: nothing to compare. */
    NOT_APPLICABLE,
    /** The up part is as it was applied. */
    MATCHES,
    /** The up part changed since: upgrade refuses until the file is restored or the change stamped. */
    CHANGED,
    /** Applied before dbmig recorded checksums (by MyBatis, for one): unknown. */
    NOT_RECORDED
}
