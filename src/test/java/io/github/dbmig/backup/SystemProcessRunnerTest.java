package io.github.dbmig.backup;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programs dbmig starts get only the environment they are given, die with the build, even a killed one, and their
 * last words on stderr are kept.
 */
class SystemProcessRunnerTest {

    /** Runs a long sleep through the runner, as a build would run pg_restore; the test kills this JVM with SIGKILL. */
    public static void main(String[] args) throws Exception {
        new SystemProcessRunner().run(new ProcessRunner.Command(List.of("sleep", args[0]), Map.of()));
    }

    @Test
    void aProgramDiesWithTheBuildThatWasKilled() throws Exception {
        String marker = "61." + ProcessHandle.current().pid(); // a sleep no other process runs
        Process build = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SystemProcessRunnerTest.class.getName(),
                        marker)
                .inheritIO()
                .start();
        Optional<ProcessHandle> sleep = Optional.empty();
        for (int i = 0; i < 100 && sleep.isEmpty(); i++) {
            Thread.sleep(100);
            sleep = ProcessHandle.allProcesses()
                    .filter(p -> p.info()
                            .arguments()
                            .map(a -> List.of(a).contains(marker))
                            .orElse(false))
                    .filter(p -> p.info().command().orElse("").endsWith("sleep"))
                    .findFirst();
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
        ProcessRunner.Result result = new SystemProcessRunner()
                .run(new ProcessRunner.Command(
                        List.of("sh", "-c", "env | grep '^PG' | sort"),
                        Map.of("PGHOST", "db.example", "PGPASSWORD", "secret"),
                        out,
                        null,
                        null,
                        null));
        assertEquals(0, result.exitCode());
        assertEquals("PGHOST=db.example\nPGPASSWORD=secret\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(
                "sh -c env | grep '^PG' | sort",
                new ProcessRunner.Command(
                                List.of("sh", "-c", "env | grep '^PG' | sort"), Map.of("PGPASSWORD", "secret"))
                        .toString());
    }

    @Test
    void ofAProgramThatWritesMoreThan64KiBToStderrTheLastLinesAreKeptAndTheFirstDropped() throws Exception {
        // 2000 numbered lines of 50 bytes (100 000 bytes), then the fatal line, as pg_dump ends
        String script = "i=1; while [ $i -le 2000 ]; do printf 'pg_dump: line %05d %s\\n' $i"
                + " 'of chatter, padded to fifty bytes' >&2; i=$((i+1)); done;"
                + " echo 'pg_dump: error: query failed: ERROR:  permission denied for table secret' >&2; exit 1";
        ProcessRunner.Result result =
                new SystemProcessRunner().run(new ProcessRunner.Command(List.of("sh", "-c", script), Map.of()));

        assertEquals(1, result.exitCode());
        List<String> lines = result.stderr().lines().toList();
        assertEquals(
                "pg_dump: error: query failed: ERROR:  permission denied for table secret",
                lines.get(lines.size() - 1));
        assertEquals(TailOutput.DROPPED, lines.get(0));
        assertFalse(result.stderr().contains("line 00001 "), "the first line is dropped");
        assertTrue(
                lines.get(1).matches("pg_dump: line \\d{5} of chatter, padded to fifty bytes"),
                "a whole line: " + lines.get(1));
        assertEquals("pg_dump: line 02000 of chatter, padded to fifty bytes", lines.get(lines.size() - 2));
        assertTrue(result.stderr().length() <= 64 * 1024 + TailOutput.DROPPED.length() + 1, "at most 64 KiB kept");
        assertTrue(
                result.stderr().length() > 60 * 1024,
                "nearly 64 KiB kept, not less: " + result.stderr().length());
    }

    @Test
    void shortOutputIsKeptWholeWithoutTheDroppedLine() throws Exception {
        ProcessRunner.Result result = new SystemProcessRunner()
                .run(new ProcessRunner.Command(
                        List.of("sh", "-c", "echo 'pg_dump: error: connection refused' >&2; exit 1"), Map.of()));

        assertEquals("pg_dump: error: connection refused\n", result.stderr());
    }
}
