package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NewScriptWriterTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T09:48:33Z"), ZoneOffset.UTC);

    @Test
    void writesATimestampedScriptWithAnUndoSection() throws Exception {
        Path file = new NewScriptWriter(clock).write(dir, "add users");
        assertEquals("20261121094833_add_users.sql", file.getFileName().toString());
        assertEquals(
                "-- // add users\n-- Migration SQL that makes the change goes here.\n\n\n-- //@UNDO\n"
                        + "-- SQL to undo the change goes here.\n\n",
                Files.readString(file));
        // a template nobody filled in is not applied by accident
        SetupException untouched = assertThrows(
                SetupException.class,
                () -> new ScriptParser(StandardCharsets.UTF_8, Map.of())
                        .parse(ScriptDirectory.scan(dir, new ArrayList<>())
                                .all()
                                .get(0)));
        assertTrue(
                untouched
                        .getMessage()
                        .endsWith("has no statement above its -- //@UNDO line (only an undo part). If it is"
                                + " meant to do nothing, say so with the header line -- dbmig:empty=ok;"
                                + " nothing was run."),
                untouched.getMessage());
    }

    @Test
    void idStaysAboveExistingScripts() {
        new Scripts(dir).write("30000101000000_future.sql", "");
        Path file = new NewScriptWriter(clock).write(dir, "later");
        assertEquals("30000101000001_later.sql", file.getFileName().toString());
    }

    @Test
    void descriptionIsRequiredAndMustSuitAFileName() {
        assertThrows(SetupException.class, () -> new NewScriptWriter(clock).write(dir, " "));
        SetupException e =
                assertThrows(SetupException.class, () -> new NewScriptWriter(clock).write(dir, "../etc/passwd"));
        assertTrue(e.getMessage().contains("can only hold letters"), e.getMessage());
    }
}
