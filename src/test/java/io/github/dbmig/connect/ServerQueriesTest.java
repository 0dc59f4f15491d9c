package io.github.dbmig.connect;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the maintenance connection asks the real test server: its user's rights, its version, roles and databases. */
class ServerQueriesTest {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp(TestInfo test) {
        db = TestPostgres.freshDatabase(
                "server_" + test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void aUserWithoutCreatedbMayNotCreateDatabasesAndASuperuserMay() throws Exception {
        String role = "admintest_no_createdb";
        db.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN PASSWORD 'no-createdb-pw' NOCREATEDB; EXCEPTION WHEN"
                + " duplicate_object THEN NULL; END $$");
        Database limited =
                db.builder().scripts(tmp).build((id, url) -> new Credentials(role, "no-createdb-pw", "test", "test"));

        try (AdminConnection admin = AdminConnection.open(limited, log)) {
            assertEquals(role, admin.server().currentUser());
            assertFalse(admin.server().mayCreateDatabases());
        }
        try (AdminConnection admin = AdminConnection.open(db.database(tmp), log)) {
            assertEquals(db.username(), admin.server().currentUser());
            assertTrue(admin.server().mayCreateDatabases());
        }
    }

    @Test
    void itNamesTheServersMajorVersionAndFindsRolesAndDatabasesByExactName() throws Exception {
        try (AdminConnection admin = AdminConnection.open(db.database(tmp), log)) {
            assertEquals(TestPostgres.serverMajor(), admin.server().serverMajor());
            assertTrue(admin.server().databaseExists(db.name()));
            assertFalse(admin.server().databaseExists(db.name().toUpperCase(Locale.ROOT)));
            assertTrue(admin.server().roleExists(db.username()));
            assertFalse(admin.server().roleExists("servertest_no_such_role"));
        }
    }
}
