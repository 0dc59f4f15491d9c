package io.github.dbmig.testdb;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dbmig.api.Dbmig;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.container.DockerCli;
import io.github.dbmig.it.EngineApi;
import io.github.dbmig.testdb.docker.Containers;
import io.github.dbmig.testdb.docker.Reaper;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.Scripts;
import io.github.dbmig.testing.StartBuilds;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two builds of one project in one JVM, as the Maven daemon runs them, each with its own build state (what Maven keeps
 * in the project's context values): a build neither sees nor stops what another started, even while that one still
 * runs, and the end of a build removes the containers it started and did not stop, never one kept for reuse. A build
 * killed with {@code kill -9} (no hook, no end of build) leaves its container behind: the next one removes it. Real
 * containers from the test image; the project's are counted through the Docker API by dbmig's labels.
 */
class BuildsInOneJvmTest {

    @TempDir
    Path project;

    private Map<String, Object> stateA;
    private Map<String, Object> stateB;

    @BeforeEach
    void scripts() {
        new Scripts(project.resolve("migrations")).table("1_a.sql", "a");
        stateA = new ConcurrentHashMap<>();
        stateB = new ConcurrentHashMap<>();
    }

    @AfterEach
    void removeWhatIsLeft() throws IOException {
        Dbmig.endOfBuild(stateA, new RecordingLog());
        Dbmig.endOfBuild(stateB, new RecordingLog());
        for (String id : containers()) {
            EngineApi.locate(System.getenv()).delete("/containers/" + id + "?force=true&v=true");
        }
    }

    @Test
    void aBuildStopsNothingAnotherStartedAndTheEndOfABuildRemovesWhatItStarted() throws Exception {
        Database it = database(false);
        dbmig(stateA, new RecordingLog()).start(List.of(it), null);
        List<String> startedByA = containers();
        assertEquals(1, startedByA.size(), "build A started one container");
        assertEquals(
                Reaper.in(stateA).buildId(), label(startedByA.get(0), Containers.LABEL_BUILD), "labelled as build A's");

        RecordingLog logB = new RecordingLog();
        dbmig(stateB, logB).stop(List.of(it), false);
        Dbmig.endOfBuild(stateB, logB);
        assertEquals(
                List.of("INFO Database it: dbmig:start did not start it in this build; nothing to stop."), logB.lines);
        assertEquals(startedByA, containers(), "build A's container runs on while build B ends");

        RecordingLog endA = new RecordingLog();
        Dbmig.endOfBuild(stateA, endA);
        assertEquals(
                List.of("INFO Database it: removed container "
                        + startedByA.get(0).substring(0, 12) + " ("
                        + TestPostgres.image()
                        + "), which dbmig:start started and no dbmig:stop removed before the build"
                        + " ended."),
                endA.lines);
        assertEquals(List.of(), containers());
    }

    @Test
    void theEndOfABuildLeavesAContainerKeptForReuse() throws Exception {
        Database it = database(true);
        dbmig(stateA, new RecordingLog()).start(List.of(it), null);
        List<String> kept = containers();
        assertEquals(1, kept.size(), "build A started one container, kept for reuse");

        RecordingLog endA = new RecordingLog();
        Dbmig.endOfBuild(stateA, endA);
        assertEquals(List.of(), endA.lines);
        assertEquals(kept, containers(), "the kept container outlives its build");

        RecordingLog logB = new RecordingLog();
        dbmig(stateB, logB).stop(List.of(it), true);
        assertEquals(
                List.of("INFO Database it: removed container " + kept.get(0).substring(0, 12) + " ("
                        + TestPostgres.image() + "), kept from earlier builds."),
                logB.lines);
        assertEquals(List.of(), containers());
    }

    @Test
    void aContainerOfAKilledBuildIsRemovedByTheNextStartAndByAPurgeButOneOfALiveBuildIsNot() throws Exception {
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        String gone = killed.pid() + "@" + BuildOwner.localHost();
        String abandoned = leftBy(gone);
        String live = leftBy(BuildOwner.current().pidAtHost());
        String image = TestPostgres.image();

        RecordingLog startLog = new RecordingLog();
        dbmig(stateA, startLog).start(List.of(database(false)), null);
        assertEquals(
                "INFO Database it: removed container " + abandoned.substring(0, 12) + " (" + image + "), left by build "
                        + gone + ", which is no longer running.",
                startLog.lines.get(0));
        List<String> after = containers();
        assertEquals(2, after.size(), "the live build's container and the one just started: " + after);
        assertTrue(after.contains(live), "a live build's container is left alone");
        Dbmig.endOfBuild(stateA, new RecordingLog());

        String again = leftBy(gone);
        RecordingLog purgeLog = new RecordingLog();
        dbmig(stateB, purgeLog).stop(List.of(database(true)), true);
        assertEquals(
                List.of(
                        "INFO Database it: removed container " + again.substring(0, 12) + " (" + image
                                + "), left by build " + gone + ", which is no longer running.",
                        "INFO Database it: no kept container to remove."),
                purgeLog.lines);
        assertEquals(List.of(live), containers());
    }

    @Test
    void aStoppedContainerOfAKilledBuildIsRemovedToo() throws Exception {
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        String gone = killed.pid() + "@" + BuildOwner.localHost();
        String stopped = leftBy(gone);
        EngineApi.locate(System.getenv()).post("/containers/" + stopped + "/stop?t=1", null);

        RecordingLog log = new RecordingLog();
        dbmig(stateA, log).stop(List.of(database(true)), true);
        assertEquals(
                List.of(
                        "INFO Database it: removed container " + stopped.substring(0, 12) + " (" + TestPostgres.image()
                                + "), left by build " + gone + ", which is no longer running.",
                        "INFO Database it: no kept container to remove."),
                log.lines);
        assertEquals(List.of(), containers(), "the engine had stopped it (a restart, say): it is gone all the same");
    }

    @Test
    void anOwnerIsReadFromItsLabel() {
        assertEquals(Optional.of(new BuildOwner(4242, "ci-7", null)), BuildOwner.parse("4242@ci-7"));
        assertEquals(Optional.empty(), BuildOwner.parse(null));
        assertEquals(Optional.empty(), BuildOwner.parse("4242"));
        assertEquals(Optional.empty(), BuildOwner.parse("x@ci-7"));
        assertEquals(Optional.empty(), BuildOwner.parse("4242@"));
        assertFalse(new BuildOwner(4242, "another-host", null).isGone(), "a build on another host is never known gone");
    }

    /** A container labelled as a build's that was not reused, as {@code owner} would have left it. */
    private String leftBy(String owner) {
        Map<String, String> labels = Map.of(
                Containers.LABEL_DATABASE,
                "it",
                Containers.LABEL_PROJECT,
                project.toAbsolutePath().normalize().toString(),
                Containers.LABEL_OWNER,
                owner);
        return Containers.connect(
                        "it",
                        DockerCli.of("docker", System.getenv()),
                        Reaper.in(new ConcurrentHashMap<>()),
                        new RecordingLog())
                .start("it", TestPostgres.image(), labels)
                .id();
    }

    private Database database(boolean reuse) {
        return StartBuilds.database(project, TestPostgres.image(), reuse);
    }

    private Dbmig dbmig(Map<String, Object> state, RecordingLog log) {
        return StartBuilds.dbmig(project, state, System.getenv(), ContainerOptions.DEFAULT, log);
    }

    private static String label(String container, String label) throws IOException {
        return EngineApi.locate(System.getenv())
                .get("/containers/" + container + "/json")
                .json()
                .getAsJsonObject()
                .getAsJsonObject("Config")
                .getAsJsonObject("Labels")
                .get(label)
                .getAsString();
    }

    /** The ids of dbmig's containers of this project, running or not. */
    private List<String> containers() throws IOException {
        String filter = "{\"label\":[\"" + Containers.LABEL_PROJECT + "="
                + project.toAbsolutePath().normalize() + "\"]}";
        EngineApi.Response listed =
                EngineApi.locate(System.getenv()).get("/containers/json?all=true&filters=" + EngineApi.encode(filter));
        List<String> ids = new ArrayList<>();
        for (JsonElement container : listed.json().getAsJsonArray()) {
            ids.add(((JsonObject) container).get("Id").getAsString());
        }
        return ids;
    }
}
