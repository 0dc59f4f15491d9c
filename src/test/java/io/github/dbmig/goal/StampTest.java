package io.github.dbmig.goal;

import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What dbmig:stamp does to one database, against a real PostgreSQL: it records the scripts up to a target as applied
 * without running them, and stamped back to an earlier target it forgets the later ones without undoing them.
 */
class StampTest extends GoalTestBase {

    @Test
    void stampRecordsExactlyTheScriptsUpToTargetWithoutRunningThem() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("2_b.sql", "b");
        scripts.table("3_c.sql", "c");
        operations().stamp(ScriptId.of(2));
        assertEquals(List.of(1L, 2L), db.changelogIds("changelog"));
        assertFalse(db.tableExists("a"));

        operations().upgrade(UpgradeRequest.all()).done();
        assertTrue(db.tableExists("c"));
        assertFalse(db.tableExists("a"));

        operations().stamp(ScriptId.of(1));
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertTrue(db.tableExists("c"), "stamp never undoes");
    }
}
