package io.github.dbmig.migration.tables;

import io.github.dbmig.script.ScriptId;

import java.time.Instant;

/**
 * One row of the history table: what was done to which script, by whom, and what it left behind.
 *
 * @param scriptId    the script
 * @param action      {@code up}, {@code down}, {@code stamp} (recorded as applied without running),
 *                    {@code unstamp} (removed from the changelog without undoing), {@code running} and
 *                    {@code failed} (a non-transactional script that has not completed)
 * @param checksum    SHA-256 of the up part, or null
 * @param startedAt   when the action started
 * @param durationMs  how long it took
 * @param dbUser      the database session user
 * @param provenance  who ran it, from where and which build
 * @param fingerprint the schema fingerprint after the action, or null
 * @param detail      free text, e.g. an error, or null
 * @param backup      the backup taken before this run changed the database, or null
 */
public record HistoryRow(
        ScriptId scriptId,
        String action,
        String checksum,
        Instant startedAt,
        long durationMs,
        String dbUser,
        Provenance provenance,
        String fingerprint,
        String detail,
        String backup) {

    /** The line {@code dbmig:status -Ddbmig.history=true} prints for it. */
    public String line() {
        Provenance p = provenance;
        return String.format(
                "%s  %-7s %s  %d ms  by %s (%s@%s)  %s%s%s%s",
                startedAt,
                action,
                scriptId,
                durationMs,
                dbUser,
                p.osUser(),
                p.host(),
                p.project() == null ? "" : p.project(),
                p.gitCommit() == null
                        ? ""
                        : " commit "
                                + p.gitCommit()
                                        .substring(0, Math.min(12, p.gitCommit().length())),
                p.dbmigVersion() == null ? "" : " dbmig " + p.dbmigVersion(),
                checksum == null ? "" : " sha256 " + checksum.substring(0, 12));
    }

    HistoryRow withFingerprint(String hash) {
        return new HistoryRow(
                scriptId, action, checksum, startedAt, durationMs, dbUser, provenance, hash, detail, backup);
    }
}
