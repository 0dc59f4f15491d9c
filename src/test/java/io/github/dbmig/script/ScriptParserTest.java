package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptParserTest {

    @TempDir
    Path dir;

    private ParsedScript parse(String content, Map<String, String> variables) {
        Path file = new Scripts(dir).write("1_x.sql", content);
        return new ScriptParser(StandardCharsets.UTF_8, variables).parse(new ScriptFile(ScriptId.of(1), "x", file));
    }

    @Test
    void splitsAtTheUndoMarkerKeepingFileLineNumbers() {
        ParsedScript script = parse("-- // x\n\nCREATE TABLE a (id int);\n\n--//@UNDO\n\nDROP TABLE a;\n", Map.of());
        assertEquals(3, script.up().statements().get(0).line());
        assertEquals(6, script.undo().orElseThrow().firstLine());
        assertEquals(7, script.undo().orElseThrow().statements().get(0).line());
        assertTrue(script.hasUndo());
    }

    @Test
    void acceptsMyBatisMarkerSpellingsAndCrlf() {
        assertTrue(parse("SELECT 1;\r\n  -- //@UNDO  trailing words\r\nSELECT 2;\r\n", Map.of())
                .hasUndo());
        assertTrue(parse("SELECT 1;\n// //@UNDO\nSELECT 2;\n", Map.of()).hasUndo());
        assertFalse(parse("SELECT 1;\n-- @UNDO\nSELECT 2;\n", Map.of()).undo().isPresent());
    }

    @Test
    void fillsVariablesAndKeepsEscapedOnes() {
        ParsedScript script = parse("INSERT INTO t VALUES ('${tenant}', '\\${literal}');\n", Map.of("tenant", "acme"));
        assertEquals(
                "INSERT INTO t VALUES ('acme', '${literal}')",
                script.up().statements().get(0).sql());
    }

    @Test
    void undefinedVariableNamesFileAndLine() {
        SetupException e =
                assertThrows(SetupException.class, () -> parse("SELECT 1;\nSELECT '${nope}';\n", Map.of("a", "b")));
        assertTrue(
                e.getMessage().contains("1_x.sql line 2: ${nope} is not defined. Defined variables: [a]"),
                e.getMessage());
    }

    @Test
    void textThatIsNotUtf8IsRefusedByName() throws Exception {
        Path file = dir.resolve("1_x.sql");
        Files.write(file, new byte[] {'S', 'E', 'L', (byte) 0xff, ';'});
        SetupException e = assertThrows(
                SetupException.class,
                () -> new ScriptParser(StandardCharsets.UTF_8, Map.of())
                        .parse(new ScriptFile(ScriptId.of(1), "x", file)));
        assertTrue(e.getMessage().contains("1_x.sql is not valid UTF-8"), e.getMessage());
    }

    @Test
    void anEmptyScriptOrOneWithOnlyAnUndoPartIsAMistakeUnlessItSaysSo() {
        Path file = dir.resolve("1_x.sql");
        assertEquals(
                "Script " + file + " has no statement (the file is empty or holds only comments). If it is meant to do"
                        + " nothing, say so with the header line -- dbmig:empty=ok; nothing was run.",
                assertThrows(SetupException.class, () -> parse("-- // nothing yet\n", Map.of()))
                        .getMessage());
        assertEquals(
                "Script " + file + " has no statement above its -- //@UNDO line (only an undo part). If it is meant to"
                        + " do nothing, say so with the header line -- dbmig:empty=ok; nothing was run.",
                assertThrows(SetupException.class, () -> parse("-- //@UNDO\nDROP TABLE a;\n", Map.of()))
                        .getMessage());
        assertTrue(
                parse("-- // a placeholder\n-- dbmig:empty=ok\n", Map.of()).up().isEmpty());
    }

    @Test
    void undoNoneMeansAnEmptyUndoPart() {
        ParsedScript fix = parse("-- dbmig:undo=none\nUPDATE t SET x = 1;\n-- //@UNDO\n", Map.of());
        assertTrue(fix.hasUndo());
        assertEquals(List.of(), fix.undoPart().statements());
        assertEquals(
                "Script " + dir.resolve("1_x.sql") + " line 4: the header -- dbmig:undo=none says there is nothing to"
                        + " undo, but its -- //@UNDO part holds a statement. Remove the header or the undo statements;"
                        + " nothing was run.",
                assertThrows(
                                SetupException.class,
                                () -> parse(
                                        "-- dbmig:undo=none\nUPDATE t SET x = 1;\n-- //@UNDO\n"
                                                + "UPDATE t SET x = 0;\n",
                                        Map.of()))
                        .getMessage());
    }

    @Test
    void undoNoneWithUndoStatementsIsRefusedWhereverTheScriptIsRead() {
        ScriptFile bad = new ScriptFile(
                ScriptId.of(1),
                "x",
                new Scripts(dir)
                        .write(
                                "1_x.sql",
                                "-- dbmig:undo=none\nUPDATE t SET x = 1;\n-- //@UNDO\n\nUPDATE t SET x = ${v};\n"));
        assertEquals(
                "Script " + bad.path() + " line 5: the header -- dbmig:undo=none says there is nothing to undo, but its"
                        + " -- //@UNDO part holds a statement. Remove the header or the undo statements; nothing was"
                        + " run.",
                assertThrows(SetupException.class, () -> ScriptChecksum.of(bad, StandardCharsets.UTF_8))
                        .getMessage());
        String fineText = "-- dbmig:undo=none\nUPDATE t SET x = 1;\n-- //@UNDO\n-- nothing: dbmig:undo=none above\n";
        String notAHeaderText = "UPDATE t SET x = 1;\n-- dbmig:undo=none\n-- //@UNDO\nUPDATE t SET x = 0;\n";
        ScriptFile fine = new ScriptFile(ScriptId.of(2), "y", new Scripts(dir).write("2_y.sql", fineText));
        ScriptFile notAHeader = new ScriptFile(ScriptId.of(3), "z", new Scripts(dir).write("3_z.sql", notAHeaderText));
        assertEquals(ScriptChecksum.ofText(fineText), ScriptChecksum.of(fine, StandardCharsets.UTF_8));
        assertEquals(ScriptChecksum.ofText(notAHeaderText), ScriptChecksum.of(notAHeader, StandardCharsets.UTF_8));
    }
}
