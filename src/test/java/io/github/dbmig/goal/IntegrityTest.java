package io.github.dbmig.goal;

import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.BackupOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.migration.status.ChecksumState;
import io.github.dbmig.migration.tables.HistoryRow;
import io.github.dbmig.migration.tables.Provenance;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checksums and provenance, against a real PostgreSQL. */
class IntegrityTest extends GoalTestBase {

    private static final Provenance BUILD =
            new Provenance("alice", "build-host", "com.acme:app:1.2.3", "0123456789abcdef", "0.1.0");

    @Override
    protected DatabaseOperations operations() {
        return operations(database(db, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), BUILD);
    }

    @Test
    void everyUpDownAndStampWritesAProvenanceRowWithoutSecrets() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("2_b.sql", "b");
        scripts.table("3_c.sql", "c");
        operations().upgrade(UpgradeRequest.to(ScriptId.of(2))).done();
        operations().downgrade(DowngradeRequest.undoing(1)).done();
        operations().stamp(ScriptId.of(3));

        List<HistoryRow> rows = operations().history(10);
        assertEquals(
                List.of("stamp", "stamp", "down", "up", "up"),
                rows.stream().map(HistoryRow::action).toList());
        HistoryRow up = rows.get(4);
        assertEquals(ScriptId.of(1), up.scriptId());
        assertEquals(64, up.checksum().length());
        assertEquals(db.username(), up.dbUser());
        assertEquals(BUILD, up.provenance());
        assertNotNull(up.startedAt());
        String all = String.join(",", db.queryStrings("SELECT h::text FROM dbmig_history h"));
        assertTrue(!all.contains(db.password()), all);
    }

    @Test
    void historyRowCommitsWithItsScriptOrNotAtAll() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.write("2_bad.sql", "CREATE TABLE b (id int);\nSELECT 1/0;\n");
        assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertEquals(List.of(1L), db.queryLongs("SELECT script_id FROM dbmig_history"));
    }

    @Test
    void editedAppliedScriptStopsUpgradeUntilRestoredOrStamped() throws Exception {
        scripts.table("1_a.sql", "a");
        Path edited = scripts.table("2_b.sql", "b");
        operations().upgrade(UpgradeRequest.all()).done();
        scripts.table("3_c.sql", "c");
        String original = Files.readString(edited);
        Files.writeString(edited, original.replace("v text", "v text, extra int"));

        MigrationFailedException refused = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all()).done());
        assertTrue(refused.getMessage().contains("2_b.sql"), refused.getMessage());
        assertTrue(refused.getMessage().contains("dbmig:stamp -Ddbmig.target=2"), refused.getMessage());
        assertEquals(ChecksumState.CHANGED, operations().status().rows().get(1).checksum());
        assertTrue(
                operations().status().summary().contains("1 changed since applied"),
                operations().status().summary());

        Files.writeString(edited, original);
        assertEquals(ChecksumState.MATCHES, operations().status().rows().get(1).checksum());
        Files.writeString(edited, original.replace("v text", "v text, extra int"));

        assertTrue(operations().stamp(ScriptId.of(2)).contains("1 checksum(s) accepted"));
        assertEquals(
                List.of(ScriptId.of(3)),
                operations().upgrade(UpgradeRequest.all()).done());
    }

    @Test
    void lineEndingsAndTheUndoPartAreNotChanges() throws Exception {
        Path script = scripts.table("1_a.sql", "a");
        operations().upgrade(UpgradeRequest.all()).done();
        Files.writeString(script, Files.readString(script).replace("\n", "\r\n") + "-- more undo notes\r\n");
        assertEquals(ChecksumState.MATCHES, operations().status().rows().get(0).checksum());
        assertEquals(List.of(), operations().upgrade(UpgradeRequest.all()).done());
    }

    @Test
    void scriptsAppliedBeforeDbmigHaveNoChecksumAndAreNotRefused() throws Exception {
        scripts.table("1_a.sql", "a");
        db.execute("CREATE TABLE changelog (ID NUMERIC(20,0) NOT NULL PRIMARY KEY, APPLIED_AT VARCHAR(25) NOT NULL,"
                + " DESCRIPTION VARCHAR(255) NOT NULL); INSERT INTO changelog VALUES (1, '2020-01-01 00:00:00', 'a');"
                + " CREATE TABLE a (id int);");
        assertEquals(
                ChecksumState.NOT_RECORDED, operations().status().rows().get(0).checksum());
        scripts.table("2_b.sql", "b");
        assertEquals(
                List.of(ScriptId.of(2)),
                operations().upgrade(UpgradeRequest.all()).done());
    }

    @Test
    void failedBackupBeforeAChangeLeavesTheDatabaseExactlyAsItWas() throws Exception {
        // a database MyBatis built: a changelog, none of dbmig's own tables
        db.execute("CREATE TABLE changelog (ID NUMERIC(20,0) NOT NULL PRIMARY KEY, APPLIED_AT VARCHAR(25) NOT NULL,"
                + " DESCRIPTION VARCHAR(255) NOT NULL); INSERT INTO changelog VALUES (1, '2020-01-01 00:00:00', 'a');"
                + " CREATE TABLE a (id int);");
        scripts.table("1_a.sql", "a");
        scripts.table("2_b.sql", "b");
        // backups before change on, into a directory that cannot be made: the backup fails before pg_dump runs
        Files.writeString(tmp.resolve("not-a-directory"), "");
        Database backedUp = db.builder()
                .scripts(scripts.dir())
                .backup(
                        new BackupOptions(
                                tmp.resolve("not-a-directory").resolve("backups"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                true,
                                null,
                                null),
                        null)
                .build(db.credentials());
        RunContext backingUp = new RunContext(
                BUILD,
                Duration.ofSeconds(30),
                false,
                tmp.resolve("out"),
                Clock.systemUTC(),
                new SystemProcessRunner(),
                log);

        SetupException up = assertThrows(
                SetupException.class,
                () -> new DatabaseOperations(backedUp, backingUp)
                        .upgrade(UpgradeRequest.all())
                        .done());
        SetupException down = assertThrows(
                SetupException.class,
                () -> new DatabaseOperations(backedUp, backingUp)
                        .downgrade(DowngradeRequest.to(ScriptId.ZERO))
                        .done());

        assertTrue(
                up.getMessage()
                        .startsWith("Backup directory "
                                + tmp.resolve("not-a-directory").resolve("backups") + " cannot be used"),
                up.getMessage());
        assertEquals(up.getMessage(), down.getMessage());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertTrue(db.tableExists("a"));
        assertFalse(db.tableExists("b"));
        assertFalse(db.tableExists("dbmig_history"), "nothing of dbmig's is created before the backup");
        assertFalse(db.tableExists("dbmig_fingerprint"));
    }
}
