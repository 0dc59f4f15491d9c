package io.github.dbmig.goal;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import io.github.dbmig.testing.RoundTripProxy;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How many times dbmig waits for the network, counted by a proxy between it and the server: a transactional script
 * costs one round trip, whatever the number of its statements, and reading where a database stands costs a few,
 * whatever the number of its scripts.
 */
class RoundTripsTest extends GoalTestBase {

    /** The round trips of one upgrade up to {@code target} of {@code database}, through a proxy. */
    private int upgradeRoundTrips(TestDatabase database, ScriptId target) throws Exception {
        try (RoundTripProxy proxy = new RoundTripProxy(
                0, TestPostgres.server().getHost(), TestPostgres.server().getMappedPort(5432), 0)) {
            operations(database, proxy).upgrade(UpgradeRequest.to(target)).done();
            return proxy.roundTrips();
        }
    }

    private DatabaseOperations operations(TestDatabase database, RoundTripProxy proxy) {
        Database proxied = new DatabaseBuilder("<database> testdb")
                .id("testdb")
                .url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name())
                .scripts(scripts.dir())
                .build(database.credentials());
        return operations(proxied, TEST_RUN);
    }

    @Test
    void aScriptCostsOneRoundTripWhateverItsNumberOfStatements() throws Exception {
        scripts.write("1_base.sql", "CREATE TABLE base (id int);\n");
        scripts.write("2_one.sql", "INSERT INTO base VALUES (2);\n");
        scripts.write("3_one.sql", "INSERT INTO base VALUES (3);\n");
        scripts.write("4_one.sql", "INSERT INTO base VALUES (4);\n");
        TestDatabase second = TestPostgres.freshDatabase("roundtrips_second");
        TestDatabase third = TestPostgres.freshDatabase("roundtrips_third");
        for (TestDatabase database : List.of(db, second)) {
            operations(database(database, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN)
                    .upgrade(UpgradeRequest.to(ScriptId.of(1)))
                    .done();
        }
        int twoScripts = upgradeRoundTrips(db, ScriptId.of(3));
        int threeScripts = upgradeRoundTrips(second, ScriptId.of(4));

        assertEquals(
                1,
                threeScripts - twoScripts,
                "one more one-statement script, one more round trip (two scripts took " + twoScripts + ", three "
                        + threeScripts + ")");

        StringBuilder twenty = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            twenty.append("INSERT INTO base VALUES (").append(100 + i).append(");\n");
        }
        scripts.write("2_one.sql", twenty.toString()); // a different file now; the third database never saw the old one
        operations(database(third, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN)
                .upgrade(UpgradeRequest.to(ScriptId.of(1)))
                .done();
        assertEquals(twoScripts, upgradeRoundTrips(third, ScriptId.of(3)), "twenty statements, still one round trip");
        assertEquals(List.of(21L), third.queryLongs("SELECT count(*) FROM base"));
    }

    @Test
    void readingWhereADatabaseStandsTakesAFewRoundTripsWhateverItsNumberOfScripts() throws Exception {
        scripts.write("1_t.sql", "CREATE TABLE t1 (id int);\n");
        TestDatabase one = TestPostgres.freshDatabase("roundtrips_one");
        operations(database(one, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN)
                .upgrade(UpgradeRequest.all())
                .done();
        List<Integer> withOne = statusAndIdleUpgrade(one);
        for (int i = 2; i <= 200; i++) {
            scripts.write(i + "_t.sql", "CREATE TABLE t" + i + " (id int);\n");
        }
        operations().upgrade(UpgradeRequest.all()).done();

        // login 4 (SSLRequest, startup, two SCRAM messages), opening the session 1, the state 2;
        // upgrade: the lock 1 more
        assertEquals(List.of(7, 8), statusAndIdleUpgrade(db));
        assertEquals(withOne, statusAndIdleUpgrade(db), "the same with 1 applied script as with 200");
    }

    /** Round trips of a status, then of an upgrade with nothing pending. */
    private List<Integer> statusAndIdleUpgrade(TestDatabase database) throws Exception {
        try (RoundTripProxy proxy = new RoundTripProxy(
                0, TestPostgres.server().getHost(), TestPostgres.server().getMappedPort(5432), 0)) {
            operations(database, proxy).status();
            int status = proxy.roundTrips();
            operations(database, proxy).upgrade(UpgradeRequest.all()).done();
            return List.of(status, proxy.roundTrips() - status);
        }
    }
}
