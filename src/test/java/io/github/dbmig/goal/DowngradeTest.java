package io.github.dbmig.goal;

import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What dbmig:downgrade does to one database, against a real PostgreSQL: it undoes applied scripts by steps or down to a
 * target, skips scripts that were never applied, and undoes nothing when a script in range has no undo.
 */
class DowngradeTest extends GoalTestBase {

    @Test
    void downgradeBySteps() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("2_b.sql", "b");
        scripts.table("3_c.sql", "c");
        operations().upgrade(UpgradeRequest.all()).done();

        assertEquals(
                List.of(ScriptId.of(3), ScriptId.of(2)),
                operations().downgrade(DowngradeRequest.undoing(2)).done());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertFalse(db.tableExists("b"));
        assertTrue(db.tableExists("a"));
        MigrationFailedException tooMany = assertThrows(
                MigrationFailedException.class,
                () -> operations().downgrade(DowngradeRequest.undoing(5)).done());
        assertTrue(tooMany.getMessage().contains("only 1 script(s) are applied"), tooMany.getMessage());
    }

    @Test
    void downgradeToTargetSkipsNeverAppliedScripts() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("3_c.sql", "c");
        scripts.table("4_d.sql", "d");
        operations().upgrade(UpgradeRequest.all()).done();
        scripts.table("2_b.sql", "b"); // never applied: must not be counted or undone

        assertEquals(
                List.of(ScriptId.of(4), ScriptId.of(3)),
                operations().downgrade(DowngradeRequest.to(ScriptId.of(1))).done());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        MigrationFailedException notApplied = assertThrows(
                MigrationFailedException.class,
                () -> operations()
                        .downgrade(DowngradeRequest.to(ScriptId.of(2)))
                        .done());
        assertTrue(notApplied.getMessage().contains("is not an applied script"), notApplied.getMessage());

        assertEquals(
                List.of(ScriptId.of(1)),
                operations().downgrade(DowngradeRequest.to(ScriptId.ZERO)).done());
        assertEquals(List.of(), db.changelogIds("changelog"));
    }

    @Test
    void downgradeRefusesWhenAScriptInRangeHasNoUndo() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.write("2_b.sql", "CREATE TABLE b (id int);\n-- //@UNDO\n-- nothing to see\n");
        scripts.table("3_c.sql", "c");
        operations().upgrade(UpgradeRequest.all()).done();

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().downgrade(DowngradeRequest.to(ScriptId.ZERO)).done());
        assertTrue(e.getMessage().contains("2_b.sql: its -- //@UNDO section holds no statement"), e.getMessage());
        assertEquals(List.of(1L, 2L, 3L), db.changelogIds("changelog"));
        assertTrue(db.tableExists("c"), "nothing may be undone when the range has a script without undo");
    }
}
