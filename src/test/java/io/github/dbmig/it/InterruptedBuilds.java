package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For the cases whose first build is cut off inside 2_long_data_migration.sql (its {@code pg_sleep}): waiting for
 * that moment, and what the database must look like afterwards, before the next build runs.
 */
final class InterruptedBuilds {

    private InterruptedBuilds() {}

    /** Waits until a dbmig session is inside the script's pg_sleep; returns that backend's pid. */
    static long waitForSleepingScript(TestDatabase db) throws Exception {
        for (int i = 0; i < 600; i++) {
            List<Long> pids = db.queryLongs("SELECT pid FROM pg_stat_activity WHERE application_name = 'dbmig'"
                    + " AND datname = current_database() AND query LIKE '%pg_sleep%' AND state = 'active'");
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the build never reached the sleeping script");
    }

    /** After a SIGKILL the server notices the dead client on its own; waits for that. */
    static void waitUntilNoDbmigSessions(TestDatabase db) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (db.queryLongs("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbmig'"
                                    + " AND datname = current_database()")
                            .get(0)
                    == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the killed build's sessions are still there");
    }

    /** The cut-off script left nothing: not recorded as applied, not one of its rows. */
    static void assertNothingOfTheScriptStayed(TestDatabase db) throws Exception {
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertEquals(List.of(0L), db.queryLongs("SELECT count(*) FROM ledger"));
    }
}
