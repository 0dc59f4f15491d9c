package io.github.dbmig.testdb;

import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies of a reused template, on a real PostgreSQL: two builds of one checkout at once each keep their copy; a copy
 * is dropped only when the build that made it is gone, or when it is older than any build runs.
 */
class CopiesTest {

    private static final String PREFIX = "copiestest_";

    private final RecordingLog log = new RecordingLog();
    private final Instant now = Instant.now();
    private final String id = "app-" + Long.toHexString(System.nanoTime());
    private Connection admin;

    @BeforeEach
    void connect() throws Exception {
        admin = TestPostgres.adminConnection();
        admin.setAutoCommit(true);
    }

    @AfterEach
    void dropWhatIsLeft() throws Exception {
        for (String name : databases()) {
            AdminConnection.drop(admin, name);
        }
        admin.close();
    }

    private Copies copies(String databaseId) {
        return new Copies(admin, databaseId, "container c0ffee", log);
    }

    private String create(String name) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + PREFIX + name);
        }
        return PREFIX + name;
    }

    private List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (PreparedStatement q =
                admin.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY 1")) {
            q.setString(1, PREFIX.replace("_", "\\_") + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long pid = ended.pid();
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "process " + pid + " has ended");
        return pid;
    }

    @Test
    void ofTwoCopiesOnlyTheOneWhoseBuildIsGoneIsDroppedTheRunningBuildsStays() throws Exception {
        BuildOwner running = BuildOwner.current();
        BuildOwner gone = new BuildOwner(deadPid(), running.host(), null);
        String alive = create("alive");
        String dead = create("dead");
        copies(id).mark(alive, running, now.minusSeconds(60));
        copies(id).mark(dead, gone, now.minusSeconds(30));

        List<String> dropped = copies(id).dropAbandoned(now);

        assertEquals(List.of(dead), dropped);
        assertEquals(List.of(alive), databases());
        assertEquals(
                List.of(
                        "INFO Database " + id + ": left " + alive + " in container c0ffee: the build that made it"
                                + " (process " + running.pidAtHost() + ") is still running.",
                        "INFO Database " + id + ": dropped " + dead
                                + " in container c0ffee, the copy of a build that is gone" + " (process "
                                + gone.pidAtHost() + ")."),
                log.lines);
    }

    @Test
    void aProcessIdUsedAgainByAnotherProgramIsNotTheBuild() throws Exception {
        BuildOwner self = BuildOwner.current();
        // this JVM's pid, but a process that started a minute before it: the build that made the copy is gone
        BuildOwner earlier =
                new BuildOwner(self.pid(), self.host(), self.started().minus(Duration.ofMinutes(1)));
        String copy = create("reused_pid");
        copies(id).mark(copy, earlier, now);

        assertEquals(List.of(copy), copies(id).dropAbandoned(now));
        assertEquals(List.of(), databases());
    }

    @Test
    void aCopyOfAnotherHostStaysUntilItIsOlderThanTheAgeLimitAndSoDoesAnyOther() throws Exception {
        BuildOwner elsewhere = new BuildOwner(4242, "build-agent-7.example", null);
        String recent = create("recent");
        String old = create("old");
        String oldButRunning = create("old_running");
        copies(id).mark(recent, elsewhere, now.minus(Duration.ofHours(23)));
        copies(id).mark(old, elsewhere, now.minus(Duration.ofHours(25)));
        copies(id).mark(oldButRunning, BuildOwner.current(), now.minus(Duration.ofHours(25)));

        assertEquals(List.of(old, oldButRunning), copies(id).dropAbandoned(now));

        assertEquals(List.of(recent), databases());
        assertTrue(
                log.contains("Database " + id + ": left " + recent + " in container c0ffee: the build that made it"
                        + " (process 4242@build-agent-7.example) runs on another host, and the copy is less"
                        + " than 24 hours old."),
                log.toString());
        assertTrue(
                log.contains("Database " + id + ": dropped " + old + " in container c0ffee, the copy of a build"
                        + " (process 4242@build-agent-7.example) made more than 24 hours ago."),
                log.toString());
    }

    @Test
    void onlyThisDatabasesCopiesAreLookedAtAndAnUnnamedOwnerOfAnEarlierDbmigIsDropped() throws Exception {
        String unnamed = create("unnamed");
        String other = create("other");
        String similar = create("similar");
        try (Statement s = admin.createStatement()) {
            s.execute("COMMENT ON DATABASE " + unnamed + " IS 'dbmig copy for " + id + "'"); // as dbmig wrote it before
        }
        copies("other-db")
                .mark(other, new BuildOwner(deadPid(), BuildOwner.current().host(), null), now);
        copies(id + "x")
                .mark(similar, new BuildOwner(deadPid(), BuildOwner.current().host(), null), now);

        assertEquals(List.of(unnamed), copies(id).dropAbandoned(now));

        assertEquals(List.of(other, similar), databases());
        assertEquals(
                List.of("INFO Database " + id + ": dropped " + unnamed + " in container c0ffee, a copy made by an"
                        + " earlier dbmig that did not name its build."),
                log.lines);
    }
}
