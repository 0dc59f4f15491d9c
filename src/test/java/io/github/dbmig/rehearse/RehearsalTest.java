package io.github.dbmig.rehearse;

import io.github.dbmig.backup.BackupManifest;
import io.github.dbmig.backup.BackupResult;
import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.RehearsalRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.connect.TemporaryDatabases;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * dbmig:rehearse against the real test server, with pg_dump: a backup records the changelog it holds, and a rehearsal
 * restores only a backup at the database's current state; each undo is charged with its own differences; the log names
 * the copy; the checks that need no dump come before it; a killed rehearsal's copy is dropped by the next one.
 */
class RehearsalTest extends GoalTestBase {

    private Path backups;

    @BeforeEach
    void needsPgDump() {
        assumeTrue(
                TestPostgres.hostPgDumpFits(),
                "this machine has no pg_dump for PostgreSQL " + TestPostgres.serverMajor());
        backups = tmp.resolve("backups");
    }

    private Database shop(Credentials credentials) {
        return db.builder()
                .id("shop")
                .scripts(scripts.dir())
                .backupRun(backups, null, false)
                .build((id, url) -> credentials);
    }

    private Rehearsal rehearsalOfShop() {
        return new Rehearsal(
                shop(new Credentials(db.username(), db.password(), "test", "test")),
                context(TEST_RUN, Duration.ofSeconds(30)));
    }

    private DatabaseOperations shop() {
        return new DatabaseOperations(
                shop(new Credentials(db.username(), db.password(), "test", "test")),
                context(TEST_RUN, Duration.ofSeconds(30)));
    }

    private static RehearsalRequest request(Path backup, boolean latest, Integer last) {
        return new RehearsalRequest(backup, latest, null, false, last, true);
    }

    private void fourScripts() {
        scripts.table("1_accounts.sql", "accounts");
        scripts.table("2_orders.sql", "orders");
        scripts.table("3_lines.sql", "lines");
        scripts.table("4_notes.sql", "notes");
    }

    private List<String> copies() throws Exception {
        return db.queryStrings("SELECT datname FROM pg_database WHERE datname LIKE 'rehearse\\_shop\\_%'");
    }

    @Test
    void aBackupRecordsTheChangelogItHoldsIdsAndChecksums() throws Exception {
        fourScripts();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(2))).done();

        BackupResult result = shop().backup();

        List<String> sums =
                db.queryStrings("SELECT checksum FROM dbmig_history WHERE action = 'up' ORDER BY script_id");
        assertEquals(
                List.of(new BackupManifest.Applied("1", sums.get(0)), new BackupManifest.Applied("2", sums.get(1))),
                BackupManifest.read(result.path().resolveSibling(result.path().getFileName() + ".json"))
                        .changelog());
    }

    @Test
    void latestIsRefusedWhenNoBackupHoldsTheCurrentStateAndNothingIsRestored() throws Exception {
        fourScripts();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();
        BackupResult atOne = shop().backup();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(3))).done();

        SetupException e =
                assertThrows(SetupException.class, () -> rehearsalOfShop().rehearse(request(null, true, null)));

        assertEquals(
                "-Ddbmig.backup=latest: no verified backup of database shop in " + backups + " was taken at its"
                        + " current state (script 3): the newest, "
                        + atOne.path().getFileName() + ", was taken at script 1. Leave"
                        + " out -Ddbmig.backup: a fresh backup is the default. Nothing was restored.",
                e.getMessage());
        assertEquals(List.of(), copies());
        assertFalse(log.contains("Rehearsing on"), log.toString());
    }

    @Test
    void aNamedBackupAtAnotherStateIsRefusedNamingBoth() throws Exception {
        fourScripts();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();
        Path atOne = shop().backup().path();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(3))).done();

        SetupException e =
                assertThrows(SetupException.class, () -> rehearsalOfShop().rehearse(request(atOne, false, null)));

        assertEquals(
                "The backup " + atOne + " does not hold database shop as it is now: it was taken at script 1, and"
                        + " shop is at script 3 (script 2 is applied on shop but not in the backup; script 3 is"
                        + " applied on shop but"
                        + " not in the backup); a rehearsal on it would not rehearse what production is. Leave out"
                        + " -Ddbmig.backup to"
                        + " rehearse on a fresh backup (the default), or name a backup taken at shop's current state."
                        + " Nothing was"
                        + " restored.",
                e.getMessage());
        assertEquals(List.of(), copies());
    }

    @Test
    void latestIsTheNewestBackupAtTheCurrentStateAndTheLogNamesTheCopy() throws Exception {
        fourScripts();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();
        Path atOne = shop().backup().path();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(2))).done();
        shop().backup();
        shop().downgrade(DowngradeRequest.to(ScriptId.of(1))).done();
        log.lines.clear();

        RehearsalReport report = rehearsalOfShop().rehearse(request(null, true, null));

        assertEquals(List.of(), report.problems());
        String copy = log.lines.stream()
                .filter(l -> l.startsWith("INFO Rehearsing on "))
                .findFirst()
                .orElseThrow()
                .replaceAll("^INFO Rehearsing on (rehearse_shop_dbmig_[0-9a-f]{8}) .*", "$1");
        assertTrue(
                log.contains("INFO Rehearsing on " + copy + " (a copy of shop from " + atOne.getFileName() + ");"
                        + " shop itself is only read."),
                log.toString());
        assertTrue(
                log.lines.stream()
                        .anyMatch(l -> l.matches(
                                "INFO Applied 2_orders\\.sql to " + copy + ", the copy of shop \\(\\d+ ms\\)")),
                log.toString());
        assertTrue(
                log.lines.stream()
                        .anyMatch(l ->
                                l.matches("INFO Undid 4_notes\\.sql on " + copy + ", the copy of shop \\(\\d+ ms\\)")),
                log.toString());
        assertTrue(
                log.contains("INFO Database " + copy + ", the copy of shop: applied 3 script(s), now at 4."),
                log.toString());
        assertFalse(
                log.lines.stream().anyMatch(l -> l.contains(" to shop (") || l.contains("Database shop:")),
                log.toString());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertEquals(List.of(), copies());
    }

    @Test
    void onlyTheBrokenUndoIsCharged() throws Exception {
        scripts.table("1_accounts.sql", "accounts");
        scripts.write(
                "2_status.sql",
                "ALTER TABLE accounts ADD COLUMN status text;\n-- //@UNDO\n"
                        + "ALTER TABLE accounts DROP COLUMN status;\n");
        scripts.write(
                "3_email.sql",
                "ALTER TABLE accounts ADD COLUMN email text;\nCREATE TABLE audits (id int);\n"
                        + "-- //@UNDO\nDROP TABLE audits;\n");
        shop().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class, () -> rehearsalOfShop().rehearse(request(null, false, null)));

        assertEquals(
                "Rehearsal of shop failed (2 problem(s)):\n"
                        + "  applying them again failed: script "
                        + scripts.dir().resolve("3_email.sql") + " failed at line 1 (up part,"
                        + " statement from line 1: ALTER TABLE accounts ADD COLUMN email text): ERROR: column"
                        + " \"email\" of relation"
                        + " \"accounts\" already exists (SQLSTATE 42701)\n"
                        + "  the undo of 3_email.sql does not bring the schema back: table public.accounts: column"
                        + " email added (text)\n"
                        + "See " + tmp.resolve("out").resolve("rehearsal-shop.md")
                        + "; -Ddbmig.rehearse.failOn=never reports without"
                        + " failing.",
                e.getMessage());
        assertFalse(e.getMessage().contains("2_status.sql"), e.getMessage());
    }

    @Test
    void lastSpeaksOfItsOwnPropertyAndIsCheckedBeforeAnyDump() throws Exception {
        scripts.write("1_accounts.sql", "CREATE TABLE accounts (id int);\n");
        scripts.table("2_orders.sql", "orders");
        shop().upgrade(UpgradeRequest.all()).done();

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class, () -> rehearsalOfShop().rehearse(request(null, false, 2)));

        assertEquals(
                "Database shop: cannot downgrade, 1 script(s) in the range cannot be undone:\n  "
                        + scripts.dir().resolve("1_accounts.sql")
                        + ": has no -- //@UNDO section (if there is nothing to undo, say so"
                        + " with the header line -- dbmig:undo=none)\nNothing was undone. Add the undo SQL, or choose"
                        + " a smaller"
                        + " -Ddbmig.rehearse.last.",
                e.getMessage());
        assertFalse(Files.exists(backups), "nothing was dumped");
    }

    @Test
    void aUserWithoutCreatedbIsRefusedBeforeAnyDump() throws Exception {
        fourScripts();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();
        String role = "rehearsaltest_no_createdb";
        db.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN PASSWORD 'no-createdb-pw' NOCREATEDB; EXCEPTION WHEN"
                + " duplicate_object THEN NULL; END $$; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        Rehearsal limited = new Rehearsal(
                shop(new Credentials(role, "no-createdb-pw", "test", "test")),
                context(TEST_RUN, Duration.ofSeconds(30)));

        SetupException e = assertThrows(SetupException.class, () -> limited.rehearse(request(null, false, null)));

        assertEquals(
                "Rehearsal of shop: the user " + role + " cannot create databases on the server of shop, and the"
                        + " rehearsal restores its copy into a new database there: the user needs CREATEDB (ALTER ROLE "
                        + role
                        + " CREATEDB). Or put the copy on a server of its own with -Ddbmig.rehearse.server=<an image"
                        + " database> (a"
                        + " declared <image> database, whose container dbmig starts and where it may create"
                        + " databases). Nothing was"
                        + " dumped.",
                e.getMessage());
        assertFalse(Files.exists(backups), "nothing was dumped");
    }

    @Test
    void aKilledRehearsalsCopyIsDroppedByTheNextRehearsal() throws Exception {
        fourScripts();
        shop().upgrade(UpgradeRequest.to(ScriptId.of(3))).done();
        String leftover = "rehearse_shop_dbmig_0badcafe";
        db.execute("CREATE DATABASE " + leftover);
        db.execute("COMMENT ON DATABASE " + leftover + " IS '" + TemporaryDatabases.COMMENT_PREFIX
                + " (rehearsal of shop)," + " made by process 1; dbmig drops it if a killed build left it behind'");

        rehearsalOfShop().rehearse(request(null, false, null));

        assertTrue(
                log.contains("INFO Dropped " + leftover + ", a temporary database that an interrupted dbmig run left"
                        + " behind on the server of shop."),
                log.toString());
        assertEquals(List.of(), copies());
    }
}
