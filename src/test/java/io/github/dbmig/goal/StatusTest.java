package io.github.dbmig.goal;

import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.migration.status.ScriptState;
import io.github.dbmig.migration.status.StatusReport;
import io.github.dbmig.migration.status.StatusRow;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What dbmig:status reads of one database, against a real PostgreSQL: applied, pending and out-of-order scripts and
 * applied ones whose file is gone; reading a database that dbmig never touched creates nothing in it.
 */
class StatusTest extends GoalTestBase {

    @Test
    void statusListsAppliedPendingOutOfOrderAndMissingFiles() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("3_c.sql", "c");
        Path gone = scripts.table("4_d.sql", "d");
        operations().upgrade(UpgradeRequest.all()).done();
        Files.delete(gone);
        scripts.table("2_b.sql", "b");
        scripts.table("5_e.sql", "e");

        StatusReport report = operations().status();

        assertEquals(
                List.of(
                        ScriptState.APPLIED,
                        ScriptState.PENDING_OUT_OF_ORDER,
                        ScriptState.APPLIED,
                        ScriptState.MISSING_FILE,
                        ScriptState.PENDING),
                report.rows().stream().map(StatusRow::state).toList());
        assertEquals(
                "testdb: 3 applied, 2 pending (1 out of order), 1 applied with no script file, newest applied 4",
                report.summary());
    }

    @Test
    void statusOfAnUntouchedDatabaseCreatesNothing() throws Exception {
        scripts.table("1_a.sql", "a");
        StatusReport report = operations().status();
        assertFalse(report.changelogExists());
        assertEquals(1, report.pending());
        assertFalse(db.tableExists("changelog"));
    }
}
