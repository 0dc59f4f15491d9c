package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** dbmig's yes-or-no settings take true and false only, in any case; blank is the default. */
class FlagTest {

    @Test
    void trueAndFalseInAnyCase() {
        assertEquals(Boolean.TRUE, Flag.parse("true", v -> "x"));
        assertEquals(Boolean.TRUE, Flag.parse(" TRUE ", v -> "x"));
        assertEquals(Boolean.FALSE, Flag.parse("False", v -> "x"));
        assertEquals(true, Flag.parse("tRuE", false, v -> "x"));
    }

    @Test
    void blankIsTheDefault() {
        assertNull(Flag.parse(null, v -> "x"));
        assertNull(Flag.parse("  ", v -> "x"));
        assertEquals(true, Flag.parse("", true, v -> "x"));
        assertEquals(false, Flag.parse(null, false, v -> "x"));
    }

    @Test
    void anythingElseIsAnErrorNamingWhereItWasWritten() {
        assertEquals(
                "<reuse>yes</reuse> in <database> prod is not true or false.",
                assertThrows(
                                SetupException.class,
                                () -> Flag.parse("yes", v -> "<reuse>" + v + "</reuse> in <database> prod"))
                        .getMessage());
        assertEquals(
                "-Ddbmig.dryRun=1 is not true or false.",
                assertThrows(SetupException.class, () -> Flag.parse(" 1 ", false, v -> "-Ddbmig.dryRun=" + v))
                        .getMessage());
        assertEquals(
                "-Ddbmig.failFast=on is not true or false.",
                assertThrows(SetupException.class, () -> Flag.parse("on", true, v -> "-Ddbmig.failFast=" + v))
                        .getMessage());
    }
}
