package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outcome of one integration-test case: its copied project, its database, and the log of each build.
 *
 * @param name     the folder name under src/it
 * @param project  the copy that was built
 * @param database the fresh database it ran against
 * @param logs     the output of each invocation, in order
 */
record ItCase(String name, Path project, TestDatabase database, List<String> logs) {

    String log(int invocation) {
        return logs.get(invocation - 1);
    }

    void assertLogContains(int invocation, String text) {
        assertTrue(
                log(invocation).contains(text),
                "build " + invocation + " of " + name + " should log: " + text + "\n--- log ---\n" + log(invocation));
    }
}
