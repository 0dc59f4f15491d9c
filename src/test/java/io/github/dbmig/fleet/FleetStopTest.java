package io.github.dbmig.fleet;

import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.goal.Outcome;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.log.Log;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A database of a fleet, on a real server, that a failure or a stop leaves part-way: its row says where it stands
 * (from, to, the scripts this run applied, which stay) and whether it failed or was interrupted
 * between two flights of scripts.
 */
class FleetStopTest extends GoalTestBase {

    private final AtomicReference<RunContext> shared = new AtomicReference<>();

    /** Logs, and asks the run to stop (as fail-fast or Ctrl-C does) once the first script is applied. */
    private final Log stoppingLog = new Log() {
        @Override
        public void info(String message) {
            log.info(message);
            if (message.contains("Applied 1_t1.sql")) {
                shared.get().requestStop();
            }
        }

        @Override
        public void warn(String message) {
            log.warn(message);
        }

        @Override
        public void debug(String message) {
            log.debug(message);
        }
    };

    private FleetReport.Row runAlone(Log runLog) {
        RunContext context = new RunContext(
                TEST_RUN,
                Duration.ofSeconds(30),
                true,
                tmp.resolve("out"),
                Clock.systemUTC(),
                new SystemProcessRunner(),
                runLog);
        shared.set(context);
        Database database = database(db, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of());
        FleetReport report = new Fleet(context, 1, false, text -> text)
                .run("upgrade", null, List.of(database), (d, own) -> {
                    try {
                        return Fleet.Result.of(new DatabaseOperations(d, own).change(UpgradeRequest.all()));
                    } catch (DbmigException e) {
                        return Fleet.Result.of(Outcome.none().failed(e));
                    }
                });
        return report.rows().get(0);
    }

    @Test
    void aDatabaseStoppedBetweenTwoScriptsIsInterruptedAndItsRowSaysWhereItStands() throws Exception {
        scripts.table("1_t1.sql", "t1");
        // outside a transaction, so that it starts a flight of its own: a stop is looked at between flights
        scripts.write("2_t2.sql", "-- // t2\n-- dbmig:transaction=none\nCREATE TABLE t2 (id int);\n");
        scripts.table("3_t3.sql", "t3");

        FleetReport.Row row = runAlone(stoppingLog);

        assertEquals(
                new FleetReport.Row(
                        "testdb",
                        null,
                        "1",
                        1,
                        row.durationMillis(),
                        null,
                        FleetReport.INTERRUPTED,
                        "Database testdb: interrupted; no further script was started. Database testdb is at 1 (1"
                                + " script(s) applied"
                                + " by this run before it stay applied)."),
                row);
        assertEquals(List.of(1L), db.changelogIds("changelog"));
    }

    @Test
    void aDatabaseWhoseSecondScriptFailsIsFailedAtTheFirst() throws Exception {
        scripts.table("1_t1.sql", "t1");
        scripts.write("2_broken.sql", "-- // broken\nCREATE TABLE t1 (id int);\n\n-- //@UNDO\nDROP TABLE t1;\n");
        scripts.table("3_t3.sql", "t3");

        FleetReport.Row row = runAlone(log);

        assertEquals(FleetReport.FAILED, row.outcome());
        assertEquals(Arrays.asList(null, "1", 1), Arrays.asList(row.from(), row.to(), row.scripts()));
        assertEquals(
                "Database testdb: script " + scripts.dir().resolve("2_broken.sql") + " failed at line 2 (up part,"
                        + " statement from line 2: CREATE TABLE t1 (id int))\n  ERROR: relation \"t1\" already exists"
                        + " (SQLSTATE 42P07)\n"
                        + "It was rolled back; database testdb is at 1 (1 script(s) applied by this run before it stay"
                        + " applied).",
                row.error());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
    }
}
