package io.github.dbmig.connect;

import io.github.dbmig.config.Database;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A temporary database's life on the real test server ({@link TemporaryDatabases#use}): guarded while the work runs,
 * dropped afterwards, also when the work failed, and left (no longer dbmig's) only when the work kept it.
 */
class TemporaryDatabasesTest {

    private static final String PREFIX = "temptest";

    @TempDir
    Path tmp;

    private TestDatabase db;
    private Database database;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        db = TestPostgres.freshDatabase(
                "temp_" + test.getTestMethod().orElseThrow().getName());
        database = db.database(tmp);
        dropOurs();
    }

    @AfterEach
    void dropOurs() throws Exception {
        for (String name : ours()) {
            db.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private List<String> ours() throws Exception {
        return db.queryStrings(
                "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "\\_dbmig\\_%'" + " ORDER BY 1");
    }

    private String comment(String name) throws Exception {
        return db.queryStrings(
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '" + name + "'")
                .get(0);
    }

    @Test
    void itIsGuardedWhileTheWorkRunsAndDroppedAfterwards() throws Exception {
        List<String> seen = new ArrayList<>();
        List<String> swept = new ArrayList<>();
        try (AdminConnection admin = AdminConnection.open(database, log)) {
            admin.temporaries().use(PREFIX, null, "a test of " + database.id(), scratch -> {
                seen.add(scratch.name());
                seen.add(comment(scratch.name()));
                try (AdminConnection other = AdminConnection.open(database, log)) {
                    swept.addAll(other.temporaries().dropLeftovers(log)); // a running dbmig guards it: not dropped
                }
                seen.addAll(ours());
            });
        }
        String name = seen.get(0);
        assertTrue(name.matches(PREFIX + "_dbmig_[0-9a-f]{8}"), name);
        assertEquals(
                List.of(
                        name,
                        TemporaryDatabases.COMMENT_PREFIX + " (a test of testdb), made by process "
                                + ProcessHandle.current().pid() + "; dbmig drops it if a killed build left it behind",
                        name),
                seen);
        assertFalse(swept.contains(name), swept.toString());
        assertEquals(List.of(), ours());
    }

    @Test
    void itIsDroppedWhenTheWorkFailsAndTheFailureIsTheWorks() throws Exception {
        IOException failure = new IOException("the restore failed");
        try (AdminConnection admin = AdminConnection.open(database, log)) {
            IOException thrown = assertThrows(
                    IOException.class,
                    () -> admin.temporaries().use(PREFIX, null, "a test", scratch -> {
                        throw failure;
                    }));
            assertSame(failure, thrown);
        }
        assertEquals(List.of(), ours());
    }

    @Test
    void itStaysWhenTheWorkKeepsItNoLongerMarkedAsDbmigs() throws Exception {
        List<String> kept = new ArrayList<>();
        try (AdminConnection admin = AdminConnection.open(database, log)) {
            admin.temporaries().use(PREFIX, null, "a test", scratch -> {
                kept.add(scratch.name());
                scratch.keep();
            });
        }
        assertEquals(kept, ours());
        assertNull(comment(kept.get(0)));
        try (AdminConnection admin = AdminConnection.open(database, log)) {
            assertFalse(admin.temporaries().dropLeftovers(log).contains(kept.get(0))); // not a leftover: not swept
        }
        assertEquals(kept, ours());
    }
}
