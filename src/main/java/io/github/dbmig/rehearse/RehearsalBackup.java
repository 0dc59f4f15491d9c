package io.github.dbmig.rehearse;

import io.github.dbmig.backup.BackupCatalog;
import io.github.dbmig.backup.BackupManifest;
import io.github.dbmig.errors.SetupException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A backup that a rehearsal is to restore instead of taking a fresh one must hold the database as it is now: the
 * changelog its manifest recorded (ids and checksums) is compared with the database's before anything is restored. A
 * backup taken at another state would rehearse the scripts on a copy that is not production. Reads only manifests.
 */
final class RehearsalBackup {

    private static final int SHOWN = 10;
    private static final String FRESH = "Leave out -Ddbmig.backup to rehearse on a fresh backup (the default)";

    private RehearsalBackup() {}

    /**
     * Refuses a backup named with {@code -Ddbmig.backup=<file>} that is not of the database, or whose recorded
     * changelog differs from {@code now}, or that recorded none (it cannot be told).
     */
    static void requireMatching(
            Path backup, BackupManifest manifest, String databaseId, List<BackupManifest.Applied> now) {
        if (!databaseId.equals(manifest.databaseId())) {
            throw new SetupException("The backup " + backup + " is of database " + manifest.databaseId() + ", not "
                    + databaseId + ". " + FRESH + ", or name a backup of " + databaseId + ". Nothing was restored.");
        }
        if (manifest.changelog() == null) {
            throw new SetupException("The backup " + backup
                    + " was taken by a dbmig that did not record the changelog in"
                    + " its manifest, so whether it holds database " + databaseId + " as it is now (at " + at(now)
                    + ") cannot be told. " + FRESH + ", or take one with dbmig:backup. Nothing was restored.");
        }
        List<String> differences = differences(manifest.changelog(), now, databaseId);
        if (!differences.isEmpty()) {
            throw new SetupException("The backup " + backup + " does not hold database " + databaseId
                    + " as it is now: it"
                    + " was taken at " + at(manifest.changelog()) + ", and " + databaseId + " is at " + at(now) + " ("
                    + shown(differences) + "); a rehearsal on it would not rehearse what production is. " + FRESH
                    + ", or name a backup taken at " + databaseId + "'s current state. Nothing was restored.");
        }
    }

    /**
     * {@code -Ddbmig.backup=latest}: the manifest of the newest verified backup of the database in {@code directory}
     * whose recorded changelog is {@code now}; refused, saying what there is, when there is none.
     */
    static Path latest(Path directory, String databaseId, List<BackupManifest.Applied> now) {
        List<Path> verified = BackupCatalog.manifests(directory, databaseId).stream()
                .filter(p -> BackupManifest.read(p).verified())
                .toList();
        for (Path manifest : verified) {
            List<BackupManifest.Applied> recorded =
                    BackupManifest.read(manifest).changelog();
            if (recorded != null && differences(recorded, now, databaseId).isEmpty()) {
                return manifest;
            }
        }
        if (verified.isEmpty()) {
            throw new SetupException(
                    "-Ddbmig.backup=latest: there is no verified backup of database " + databaseId + " in " + directory
                            + ". Leave out -Ddbmig.backup: a fresh backup is the default. Nothing was restored.");
        }
        BackupManifest newest = BackupManifest.read(verified.get(0));
        long unknown = verified.stream()
                .filter(p -> BackupManifest.read(p).changelog() == null)
                .count();
        throw new SetupException("-Ddbmig.backup=latest: no verified backup of database " + databaseId + " in "
                + directory
                + " was taken at its current state (" + at(now) + "): the newest, " + newest.file() + ", was taken at "
                + (newest.changelog() == null ? "a state it did not record" : at(newest.changelog()))
                + (unknown == 0
                        ? ""
                        : "; " + unknown + " of the " + verified.size() + " record no changelog (taken by an"
                                + " older dbmig), so whether they match cannot be told")
                + ". Leave out -Ddbmig.backup: a fresh backup is"
                + " the default. Nothing was restored.");
    }

    /**
     * How a recorded changelog differs from the database's now, one sentence per script, in id order: applied on one
     * side only, or with another checksum. Empty when they are the same.
     */
    static List<String> differences(
            List<BackupManifest.Applied> backup, List<BackupManifest.Applied> now, String databaseId) {
        Map<String, String> inBackup = new HashMap<>();
        backup.forEach(a -> inBackup.put(a.id(), a.checksum()));
        Map<String, String> inDatabase = new HashMap<>();
        now.forEach(a -> inDatabase.put(a.id(), a.checksum()));
        Set<String> ids = new LinkedHashSet<>();
        List.of(backup, now).forEach(rows -> rows.forEach(a -> ids.add(a.id())));
        List<String> differences = new ArrayList<>();
        ids.stream().sorted(RehearsalBackup::byId).forEach(id -> {
            if (!inBackup.containsKey(id)) {
                differences.add("script " + id + " is applied on " + databaseId + " but not in the backup");
            } else if (!inDatabase.containsKey(id)) {
                differences.add("script " + id + " is in the backup but not applied on " + databaseId);
            } else if (!Objects.equals(inBackup.get(id), inDatabase.get(id))) {
                differences.add("script " + id + " has checksum " + shortSum(inBackup.get(id)) + " in the backup and "
                        + shortSum(inDatabase.get(id)) + " on " + databaseId);
            }
        });
        return differences;
    }

    /** "script 4", the newest applied; "no script" for none. */
    static String at(List<BackupManifest.Applied> changelog) {
        return changelog.isEmpty()
                ? "no script"
                : "script "
                        + changelog.stream()
                                .map(BackupManifest.Applied::id)
                                .max(RehearsalBackup::byId)
                                .orElseThrow();
    }

    private static int byId(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static String shortSum(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }

    private static String shown(List<String> differences) {
        return String.join("; ", differences.subList(0, Math.min(SHOWN, differences.size())))
                + (differences.size() > SHOWN ? "; … (" + differences.size() + " in all)" : "");
    }
}
