package io.github.dbmig.exit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watchdog JVM ends the program it watches, and the program's own children, when the JVM it watches for dies
 * first; when the program ends first, the watchdog ends by itself and touches nothing. Each case starts a real
 * watchdog JVM, as the build does where there is no shell; a {@code sleep} stands in for the build's JVM.
 */
class WatchdogTest {

    /** Every process a case started, ended after it whatever happened. */
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void endEveryProcessStarted() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void whenTheJvmDiesTheProgramIsEndedAndThenTheWatchdogEnds() throws Exception {
        Process jvm = start("sleep", "60");
        Process program = start("sleep", "60");
        Process watchdog = watching(jvm, program);

        jvm.destroyForcibly().waitFor(); // kill -9: the JVM can do nothing more

        assertTrue(endsSoon(program.onExit()), "the program ended within 10 s of the JVM's death");
        assertTrue(endsSoon(watchdog.onExit()), "the watchdog ended after the program");
    }

    @Test
    void whenTheProgramEndsFirstTheWatchdogEndsByItselfAndLeavesTheJvmAlone() throws Exception {
        Process jvm = start("sleep", "60");
        Process program = start("sleep", "60");
        Process watchdog = watching(jvm, program);

        program.destroy();

        assertTrue(endsSoon(watchdog.onExit()), "the watchdog ended within 10 s of the program");
        assertTrue(jvm.isAlive(), "the JVM was left alone");
    }

    @Test
    void aJvmAlreadyGoneWhenTheWatchBeginsHasItsProgramEnded() throws Exception {
        Process jvm = start("true");
        jvm.waitFor();
        Process program = start("sleep", "60");

        started.add(Watchdog.start(jvm.pid(), program.pid()).toHandle());

        assertTrue(endsSoon(program.onExit()), "the program ended within 10 s");
    }

    @Test
    void theProcessesTheProgramStartedAreEndedWithIt() throws Exception {
        Process jvm = start("sleep", "60");
        Process program = start("sh", "-c", "sleep 60 & wait");
        ProcessHandle child = childOf(program);
        Process watchdog = watching(jvm, program);

        jvm.destroyForcibly().waitFor();

        assertTrue(endsSoon(program.onExit()), "the program ended within 10 s of the JVM's death");
        assertTrue(endsSoon(child.onExit()), "the program's child ended within 10 s of the JVM's death");
        assertTrue(endsSoon(watchdog.onExit()), "the watchdog ended after them");
    }

    private Process start(String... argv) throws IOException {
        Process process = new ProcessBuilder(argv).start();
        started.add(process.toHandle());
        return process;
    }

    /** A watchdog of {@code program} for {@code jvm}, once it had time to start watching. */
    private Process watching(Process jvm, Process program) throws Exception {
        Process watchdog = Watchdog.start(jvm.pid(), program.pid());
        started.add(watchdog.toHandle());
        Thread.sleep(2000);
        assertTrue(
                watchdog.isAlive(),
                () -> "the watchdog watches while both live; it ended with " + watchdog.exitValue());
        return watchdog;
    }

    /** The process {@code program} started, once it has. */
    private ProcessHandle childOf(Process program) throws InterruptedException {
        Optional<ProcessHandle> child = Optional.empty();
        for (int i = 0; i < 100 && child.isEmpty(); i++) {
            Thread.sleep(50);
            child = program.children().findFirst();
        }
        assertTrue(child.isPresent(), "the program started its child");
        started.add(child.get());
        return child.get();
    }

    /** Whether {@code exit} completes within 10 s. */
    private static boolean endsSoon(CompletableFuture<?> exit) throws Exception {
        try {
            exit.get(10, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
