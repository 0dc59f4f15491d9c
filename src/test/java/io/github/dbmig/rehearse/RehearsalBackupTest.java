package io.github.dbmig.rehearse;

import io.github.dbmig.backup.BackupManifest;
import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A backup that a rehearsal restores instead of a fresh one must hold the database as it is now: its recorded changelog
 * (ids and checksums) is compared with the database's, and {@code latest} is the newest verified backup at that state.
 */
class RehearsalBackupTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @TempDir
    Path dir;

    private static List<BackupManifest.Applied> changelog(String... idsAndSums) {
        List<BackupManifest.Applied> rows = new ArrayList<>();
        for (int i = 0; i < idsAndSums.length; i += 2) {
            rows.add(new BackupManifest.Applied(idsAndSums[i], idsAndSums[i + 1]));
        }
        return rows;
    }

    private static BackupManifest manifest(
            String database, String file, Instant at, boolean verified, List<BackupManifest.Applied> changelog) {
        return new BackupManifest(
                database,
                "shop",
                "shop",
                "15.4",
                15,
                null,
                List.of(),
                BackupFormat.CUSTOM,
                file,
                4,
                1,
                A,
                at,
                verified,
                changelog);
    }

    /** Writes a backup file and its manifest into {@link #dir}; returns the manifest's path. */
    private Path backup(String file, Instant at, boolean verified, List<BackupManifest.Applied> changelog)
            throws IOException {
        Files.writeString(dir.resolve(file), "dump");
        Path manifest = dir.resolve(file + BackupManifest.SUFFIX);
        manifest("shop", file, at, verified, changelog).write(manifest);
        return manifest;
    }

    @Test
    void differencesNameEveryScriptAppliedOnOneSideOnlyOrWithAnotherChecksumInIdOrder() {
        List<String> differences = RehearsalBackup.differences(
                changelog("1", A, "2", B, "9", null), changelog("1", A, "2", C, "10", A, "11", null), "shop");

        assertEquals(
                List.of(
                        "script 2 has checksum bbbbbbbbbbbb in the backup and cccccccccccc on shop",
                        "script 9 is in the backup but not applied on shop",
                        "script 10 is applied on shop but not in the backup",
                        "script 11 is applied on shop but not in the backup"),
                differences);
        assertEquals(
                List.of(),
                RehearsalBackup.differences(changelog("1", A, "2", null), changelog("1", A, "2", null), "shop"));
        assertEquals(
                List.of("script 2 has checksum none in the backup and bbbbbbbbbbbb on shop"),
                RehearsalBackup.differences(changelog("2", null), changelog("2", B), "shop"));
    }

    @Test
    void aStateIsNamedByItsNewestScript() {
        assertEquals("no script", RehearsalBackup.at(List.of()));
        assertEquals("script 10", RehearsalBackup.at(changelog("9", A, "10", B)));
    }

    @Test
    void aNamedBackupAtAnotherStateIsRefusedNamingBothStates() {
        Path file = dir.resolve("shop-1.dump");
        SetupException e = assertThrows(
                SetupException.class,
                () -> RehearsalBackup.requireMatching(
                        file,
                        manifest("shop", "shop-1.dump", Instant.EPOCH, true, changelog("1", A)),
                        "shop",
                        changelog("1", A, "2", B, "3", C, "4", A)));

        assertEquals(
                "The backup " + file + " does not hold database shop as it is now: it was taken at script 1, and shop"
                        + " is at script 4 (script 2 is applied on shop but not in the backup; script 3 is applied on"
                        + " shop but not"
                        + " in the backup; script 4 is applied on shop but not in the backup); a rehearsal on it would"
                        + " not rehearse"
                        + " what production is. Leave out -Ddbmig.backup to rehearse on a fresh backup (the default),"
                        + " or name a"
                        + " backup taken at shop's current state. Nothing was restored.",
                e.getMessage());
    }

    @Test
    void aNamedBackupWithAnotherChecksumIsRefusedNamingTheScript() {
        Path file = dir.resolve("shop-2.dump");
        SetupException e = assertThrows(
                SetupException.class,
                () -> RehearsalBackup.requireMatching(
                        file,
                        manifest("shop", "shop-2.dump", Instant.EPOCH, true, changelog("1", A, "2", B)),
                        "shop",
                        changelog("1", A, "2", C)));

        assertEquals(
                "The backup " + file + " does not hold database shop as it is now: it was taken at script 2, and shop"
                        + " is at script 2 (script 2 has checksum bbbbbbbbbbbb in the backup and cccccccccccc on"
                        + " shop); a rehearsal"
                        + " on it would not rehearse what production is. Leave out -Ddbmig.backup to rehearse on a"
                        + " fresh backup (the"
                        + " default), or name a backup taken at shop's current state. Nothing was restored.",
                e.getMessage());
    }

    @Test
    void aNamedBackupThatRecordedNoChangelogCannotBeToldAndIsRefused() {
        Path file = dir.resolve("shop-1.dump");
        SetupException e = assertThrows(
                SetupException.class,
                () -> RehearsalBackup.requireMatching(
                        file, manifest("shop", "shop-1.dump", Instant.EPOCH, true, null), "shop", changelog("1", A)));

        assertEquals(
                "The backup " + file + " was taken by a dbmig that did not record the changelog in its manifest, so"
                        + " whether it holds database shop as it is now (at script 1) cannot be told. Leave out"
                        + " -Ddbmig.backup to"
                        + " rehearse on a fresh backup (the default), or take one with dbmig:backup. Nothing was"
                        + " restored.",
                e.getMessage());
    }

    @Test
    void aNamedBackupOfAnotherDatabaseIsRefused() {
        Path file = dir.resolve("cart-1.dump");
        SetupException e = assertThrows(
                SetupException.class,
                () -> RehearsalBackup.requireMatching(
                        file,
                        manifest("cart", "cart-1.dump", Instant.EPOCH, true, changelog("1", A)),
                        "shop",
                        changelog("1", A)));

        assertEquals(
                "The backup " + file + " is of database cart, not shop. Leave out -Ddbmig.backup to rehearse on a"
                        + " fresh backup (the default), or name a backup of shop. Nothing was restored.",
                e.getMessage());
    }

    @Test
    void aMatchingBackupIsAccepted() {
        RehearsalBackup.requireMatching(
                dir.resolve("shop-2.dump"),
                manifest("shop", "shop-2.dump", Instant.EPOCH, true, changelog("1", A, "2", null)),
                "shop",
                changelog("1", A, "2", null));
    }

    @Test
    void latestIsTheNewestVerifiedBackupAtTheCurrentStateNotTheNewestBackup() throws IOException {
        Path atOne = backup(
                "shop-20261201-000000-000-aaaa-1.dump", Instant.parse("2026-12-01T00:00:00Z"), true, changelog("1", A));
        backup("shop-20261202-000000-000-bbbb-1.dump", Instant.parse("2026-12-02T00:00:00Z"), false, changelog("1", A));
        backup(
                "shop-20261203-000000-000-cccc-2.dump",
                Instant.parse("2026-12-03T00:00:00Z"),
                true,
                changelog("1", A, "2", B));

        assertEquals(atOne, RehearsalBackup.latest(dir, "shop", changelog("1", A)));
    }

    @Test
    void latestWithNoBackupAtTheCurrentStateSaysWhatThereIsAndThatAFreshOneIsTheDefault() throws IOException {
        backup("shop-20261201-000000-000-aaaa-1.dump", Instant.parse("2026-12-01T00:00:00Z"), true, null);
        backup("shop-20261202-000000-000-bbbb-1.dump", Instant.parse("2026-12-02T00:00:00Z"), true, changelog("1", A));

        SetupException e = assertThrows(
                SetupException.class,
                () -> RehearsalBackup.latest(dir, "shop", changelog("1", A, "2", B, "3", C, "4", A)));

        assertEquals(
                "-Ddbmig.backup=latest: no verified backup of database shop in " + dir + " was taken at its current"
                        + " state (script 4): the newest, shop-20261202-000000-000-bbbb-1.dump, was taken at script 1;"
                        + " 1 of the 2"
                        + " record no changelog (taken by an older dbmig), so whether they match cannot be told. Leave"
                        + " out"
                        + " -Ddbmig.backup: a fresh backup is the default. Nothing was restored.",
                e.getMessage());
    }

    @Test
    void latestWithNoVerifiedBackupSaysSo() throws IOException {
        backup("shop-20261201-000000-000-aaaa-1.dump", Instant.parse("2026-12-01T00:00:00Z"), false, changelog("1", A));

        SetupException e =
                assertThrows(SetupException.class, () -> RehearsalBackup.latest(dir, "shop", changelog("1", A)));

        assertEquals(
                "-Ddbmig.backup=latest: there is no verified backup of database shop in " + dir + ". Leave out"
                        + " -Ddbmig.backup: a fresh backup is the default. Nothing was restored.",
                e.getMessage());
    }
}
