package io.github.dbmig.connect;

import io.github.dbmig.config.Database;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The maintenance connection, against the real test server: opening it tidies the server. */
class AdminConnectionTest {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp(TestInfo test) {
        db = TestPostgres.freshDatabase(
                "admin_" + test.getTestMethod().orElseThrow().getName());
    }

    private List<String> databasesLike(String prefix) throws Exception {
        return db.queryStrings("SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%' ORDER BY 1");
    }

    /**
     * A killed rehearsal's copy (a marked temporary database no running dbmig guards) is dropped when a connection is
     * opened, and the log says so; a database of such a name without dbmig's comment, and one that a running dbmig
     * guards, stay.
     */
    @Test
    void openingItDropsWhatKilledRunsLeftAndOnlyThat() throws Exception {
        String prefix = "rehearse_admintest"; // short: names past 63 bytes would be cut and collide
        String killed = prefix + "_dbmig_0badcafe";
        String notOurs = prefix + "_dbmig_0badcaff";
        db.execute("DROP DATABASE IF EXISTS " + killed);
        db.execute("DROP DATABASE IF EXISTS " + notOurs);
        db.execute("CREATE DATABASE " + killed);
        db.execute("COMMENT ON DATABASE " + killed + " IS '" + TemporaryDatabases.COMMENT_PREFIX
                + " (rehearsal of shop), made" + " by process 1; dbmig drops it if a killed build left it behind'");
        db.execute("CREATE DATABASE " + notOurs);
        Database database = db.database(tmp);
        try (AdminConnection running = AdminConnection.open(database)) {
            String guarded = running.temporaries().create(prefix, null, "rehearsal of shop");

            AdminConnection.open(database, log).close();

            // the guarded name is random: compare as sets of names, in one order
            assertEquals(
                    Stream.of(guarded, notOurs).sorted().toList(),
                    databasesLike(prefix).stream().sorted().toList());
            assertEquals(
                    List.of("INFO Dropped " + killed
                            + ", a temporary database that an interrupted dbmig run left behind"
                            + " on the server of testdb."),
                    log.lines);
            running.drop(guarded);
        } finally {
            db.execute("DROP DATABASE IF EXISTS " + notOurs);
        }
    }
}
