package io.github.dbmig.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verify.txt parser: what it accepts, and that a malformed line is named with its file and number. */
class ExpectationsTest {

    private static final String FILE = "src/it/x/verify.txt";

    @Test
    void readsEveryForm() {
        Expectations e = Expectations.parse(
                FILE,
                List.of(
                        "# Shows something.",
                        "",
                        "java: because",
                        "backups: required",
                        "before 2: DELETE FROM t",
                        "log 1: Applied 1_a.sql to it (${/\\d+/} ms)",
                        "no log 2: Applied",
                        "outcome 2: failure",
                        "sql: SELECT 1 => 1",
                        "sql: SELECT 1 WHERE false => (none)",
                        "file: target/a.sql contains x",
                        "no file: b"));
        assertEquals("Shows something.", e.description());
        assertEquals("because", e.java());
        assertEquals(Expectations.Backups.REQUIRED, e.backups());
        e.requireConsistentWith(List.of(false, true));
        assertThrows(AssertionError.class, () -> e.requireConsistentWith(List.of(false, false)));
    }

    @Test
    void namesTheFileAndLineOfAMalformedLine() {
        assertMalformed("line 3: not a known form", "# Shows.", "", "logs 1: x");
        assertMalformed("line 2: sql: needs \" => \"", "# Shows.", "sql: SELECT 1");
        assertMalformed("line 2: outcome is \"failure\", \"error\" or \"elsewhere\"", "# Shows.", "outcome 1: failed");
        assertMalformed("line 2: builds are numbered from 1", "# Shows.", "log 0: x");
        assertMalformed("line 2: unknown placeholder ${db}", "# Shows.", "log 1: ${db}");
        assertMalformed("line 2: unclosed placeholder", "# Shows.", "log 1: ${/\\d+");
        assertMalformed("line 3: java: may appear only once", "# Shows.", "java: a", "java: b");
        assertMalformed("line 1: the first line must be a # comment", "log 1: x");
        assertMalformed("line 2: SQL to run takes values", "# Shows.", "before 1: DROP TABLE ${any}");
    }

    @Test
    void placeholdersFillValuesAndMatchPatterns() {
        Text text = Text.parse("Created ${project}/m/${/\\d{14}/}_a.sql in ${any}.");
        assertTrue(text.hasPattern());
        assertTrue(text.pattern(Map.of("project", "/p"))
                .matcher("[INFO] Created /p/m/20240101000000_a.sql in 3 ms.")
                .find());
        assertFalse(text.pattern(Map.of("project", "/p"))
                .matcher("Created /p/m/2024_a.sql in 3 ms.")
                .find());
        assertEquals("x it_db", Text.parse("x ${database}").fill(Map.of("database", "it_db")));
    }

    private static void assertMalformed(String message, String... lines) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Expectations.parse(FILE, List.of(lines)));
        assertTrue(e.getMessage().startsWith(FILE + " " + message), e.getMessage());
    }
}
