package io.github.dbmig.backup;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Programs dbmig starts get only the environment they are given, and die with the build, even a killed one. */
class SystemProcessRunnerTest {

    /** Runs a long sleep through the runner, as a build would run pg_restore; the test kills this JVM with SIGKILL. */
    public static void main(String[] args) throws Exception {
        new SystemProcessRunner().run(new ProcessRunner.Command(List.of("sleep", args[0]), Map.of()));
    }

    @Test
    void aProgramDiesWithTheBuildThatWasKilled() throws Exception {
        String marker = "61." + ProcessHandle.current().pid(); // a sleep no other process runs
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SystemProcessRunnerTest.class.getName(), marker).inheritIO().start();
        Optional<ProcessHandle> sleep = Optional.empty();
        for (int i = 0; i < 100 && sleep.isEmpty(); i++) {
            Thread.sleep(100);
            sleep = ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker))
                    .orElse(false)).filter(p -> p.info().command().orElse("").endsWith("sleep")).findFirst();
        }
        assertTrue(sleep.isPresent(), "the program started");

        build.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs

        for (int i = 0; i < 50 && sleep.get().isAlive(); i++) {
            Thread.sleep(100);
        }
        assertTrue(!sleep.get().isAlive(), "the program ended within 5 s of the build's death");
    }

    @Test
    void theEnvironmentHoldsWhatItIsGivenAndNoInheritedLibpqVariable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessRunner.Result result = new SystemProcessRunner().run(new ProcessRunner.Command(
                List.of("sh", "-c", "env | grep '^PG' | sort"), Map.of("PGHOST", "db.example", "PGPASSWORD", "secret"), out,
                null, null, null));
        assertEquals(0, result.exitCode());
        assertEquals("PGHOST=db.example\nPGPASSWORD=secret\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("sh -c env | grep '^PG' | sort", new ProcessRunner.Command(List.of("sh", "-c", "env | grep '^PG' | sort"),
                Map.of("PGPASSWORD", "secret")).toString());
    }
}
