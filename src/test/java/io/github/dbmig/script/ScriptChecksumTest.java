package io.github.dbmig.script;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ScriptChecksumTest {

    private static final String SCRIPT = "-- // t\nCREATE TABLE t (id int);\n\n-- //@UNDO\nDROP TABLE t;\n";

    @Test
    void lineEndingsBomAndTheUndoPartDoNotCount() {
        String lf = ScriptChecksum.ofText(SCRIPT);
        assertEquals(lf, ScriptChecksum.ofText(SCRIPT.replace("\n", "\r\n")));
        assertEquals(lf, ScriptChecksum.ofText(SCRIPT.replace("\n", "\r")));
        assertEquals(lf, ScriptChecksum.ofText("\uFEFF" + SCRIPT));
        assertEquals(lf, ScriptChecksum.ofText(SCRIPT.replace("DROP TABLE t;", "DROP TABLE IF EXISTS t;")));
    }

    @Test
    void anyOtherChangeToTheUpPartCounts() {
        String lf = ScriptChecksum.ofText(SCRIPT);
        assertNotEquals(lf, ScriptChecksum.ofText(SCRIPT.replace("id int", "id  int")));
        assertNotEquals(lf, ScriptChecksum.ofText(SCRIPT.replace("\n\n-- //@UNDO", "\n-- //@UNDO")));
        assertEquals(64, lf.length());
    }
}
