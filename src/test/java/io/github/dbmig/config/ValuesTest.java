package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.RecordingLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Values from the command line as the goals read them, and the errors that name the property when they are wrong. */
class ValuesTest {

    @Test
    void aChoiceIsTheFirstByDefaultAndAnythingElseNamesThePropertyAndTheChoices() {
        assertEquals("quick", Values.oneOf(null, "quick", "full", "dbmig.backup.verify"));
        assertEquals("full", Values.oneOf(" full ", "quick", "full", "dbmig.backup.verify"));
        SetupException e =
                assertThrows(SetupException.class, () -> Values.oneOf("Full", "quick", "full", "dbmig.backup.verify"));
        assertEquals("-Ddbmig.backup.verify=Full is not quick or full.", e.getMessage());
        assertEquals(
                "-Ddbmig.rehearse.failOn= is not always or never.",
                assertThrows(SetupException.class, () -> Values.oneOf("", "always", "never", "dbmig.rehearse.failOn"))
                        .getMessage());
    }

    @Test
    void anEncodingIsUtf8WhenBlankAndAnUnknownOneIsNamed() {
        assertEquals(StandardCharsets.UTF_8, Values.charset(" ", "dbmig.encoding"));
        assertEquals(StandardCharsets.ISO_8859_1, Values.charset("ISO-8859-1", "dbmig.encoding"));
        assertEquals(
                "dbmig.encoding \"utf-9\" is not a known character set.",
                assertThrows(SetupException.class, () -> Values.charset("utf-9", "dbmig.encoding"))
                        .getMessage());
    }

    @Test
    void aTargetIsAScriptIdOrZeroOrNothingAndAnythingElseNamesTheProperty() {
        assertNull(Values.scriptId(" ", "dbmig.target"));
        assertEquals(ScriptId.of(20240101120000L), Values.scriptId("20240101120000", "dbmig.target"));
        assertEquals(ScriptId.ZERO, Values.scriptId("0", "dbmig.target"));
        assertEquals(
                "-Ddbmig.target=v2 is not a script id (digits, as in the file name 20240101120000_add_users.sql),"
                        + " nor 0.",
                assertThrows(SetupException.class, () -> Values.scriptId("v2", "dbmig.target"))
                        .getMessage());
    }

    @Test
    void theLockWaitIsTenMinutesByDefaultAndTheDeprecatedPropertyWarnsAndCountsOnlyAlone() {
        RecordingLog log = new RecordingLog();
        assertEquals(Duration.ofMinutes(10), DurationText.lockWait(null, null, log));
        assertEquals(List.of(), log.lines);
        assertEquals(Duration.ofSeconds(30), DurationText.lockWait(null, "30s", log));
        assertEquals(Duration.ofMinutes(2), DurationText.lockWait("2m", "30s", log));
        String warning =
                "WARN -Ddbmig.lockTimeout (the wait for another dbmig run) is deprecated: use -Ddbmig.lockWait."
                        + " A database's <lockTimeout> is PostgreSQL's lock_timeout for its scripts.";
        assertEquals(List.of(warning, warning), log.lines);
    }
}
