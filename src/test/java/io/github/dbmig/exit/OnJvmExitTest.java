package io.github.dbmig.exit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An action registered with {@link OnJvmExit} runs when the JVM exits while it is registered, and not once its
 * registration is closed; closing during the exit is no error. Each case is a JVM of its own that exits.
 */
class OnJvmExitTest {

    @Test
    void runsWhenTheJvmExitsWhileRegistered() throws Exception {
        assertEquals("working\nthe action ran in dbmig-test-exit\n", jvm("open"));
    }

    @Test
    void doesNotRunOnceClosed() throws Exception {
        assertEquals("working\nclosed\n", jvm("closed"));
    }

    @Test
    void closingWhileTheJvmExitsIsNoError() throws Exception {
        assertEquals("working\nclosed during the exit\n", jvm("closed-during-exit"));
    }

    /** Runs {@link Exiting} in a JVM of its own; its standard output and error. */
    private static String jvm(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), Exiting.class.getName(), mode))
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not exit");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Registers an action, works, and exits: with the registration open, closed, or closed by the action itself. */
    static final class Exiting {

        private static OnJvmExit.Registration registration;

        public static void main(String[] args) {
            String mode = args[0];
            registration = OnJvmExit.run("dbmig-test-exit", () -> {
                if (mode.equals("closed-during-exit")) {
                    registration.close();
                    System.out.println("closed during the exit");
                } else {
                    System.out.println(
                            "the action ran in " + Thread.currentThread().getName());
                }
            });
            System.out.println("working");
            if (mode.equals("closed")) {
                registration.close();
                System.out.println("closed");
            }
        }
    }
}
