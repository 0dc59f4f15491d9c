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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How many times dbmig waits for the network, counted by a proxy between it and the server: transactional scripts go
 * out together, as many per round trip as PgJDBC sends before it reads the answers, whatever their number of
 * statements, and reading where a database stands costs a few, whatever the number of its scripts.
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
    void scriptsGoOutTogetherWhateverTheirNumberOfStatements() throws Exception {
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

        assertEquals(twoScripts, threeScripts, "one more script, no more round trips");

        StringBuilder twenty = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            twenty.append("INSERT INTO base VALUES (").append(100 + i).append(");\n");
        }
        scripts.write("2_one.sql", twenty.toString()); // a different file now; the third database never saw the old one
        operations(database(third, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN)
                .upgrade(UpgradeRequest.to(ScriptId.of(1)))
                .done();
        assertEquals(twoScripts, upgradeRoundTrips(third, ScriptId.of(3)), "twenty statements, the same round trips");
        assertEquals(List.of(21L), third.queryLongs("SELECT count(*) FROM base"));
    }

    @Test
    void aHundredScriptsTakeAFewFlights() throws Exception {
        for (int i = 1; i <= 100; i++) {
            scripts.write(i + "_t.sql", "CREATE TABLE t" + i + " (id int);\n");
        }
        int hundred = upgradeRoundTrips(db, ScriptId.of(100));

        // logging in, the session, the state, the lock and dbmig's tables take a dozen; the scripts go out in flights
        // of 25 (PgJDBC reads the answers every 256 statements), the last one in two parts around the fingerprint.
        // The proxy also counts an answer the server flushes while the client is still sending a flight (its output
        // buffer filled), so the count varies a little: 18 to 21 here, against 115 with a round trip per script.
        // The time through a 10 ms proxy is measured by bench/network.sh.
        assertTrue(hundred <= 25, "round trips of 100 scripts: " + hundred);
        assertEquals(List.of(100L), db.queryLongs("SELECT count(*) FROM changelog"));
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
