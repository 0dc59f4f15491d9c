package io.github.dbmig.script;

import io.github.dbmig.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The schema version an application compares with its database: head, count, and a checksum of the up parts only. */
class SchemaVersionTest {

    @TempDir
    Path tmp;

    private SchemaVersion of(Scripts scripts) {
        return SchemaVersion.of(ScriptDirectory.scan(scripts.dir(), new ArrayList<>()), StandardCharsets.UTF_8);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theChecksumIsTheSha256OfEachScriptsIdAndUpPartChecksumInIdOrder() throws Exception {
        Scripts scripts = new Scripts(tmp.resolve("m"));
        scripts.write("10_b.sql", "CREATE TABLE b (id int);\n-- //@UNDO\nDROP TABLE b;\n");
        scripts.write("2_a.sql", "CREATE TABLE a (id int);\n");

        SchemaVersion version = of(scripts);

        String expected = sha256("2:" + ScriptChecksum.ofText("CREATE TABLE a (id int);\n") + "\n" + "10:"
                + ScriptChecksum.ofText("CREATE TABLE b (id int);\n-- //@UNDO\nDROP TABLE b;\n") + "\n");
        assertEquals(new SchemaVersion("10", 2, expected), version);
    }

    @Test
    void anUndoEditLeavesItAndAnUpEditOrANewScriptChangesIt() throws Exception {
        Scripts scripts = new Scripts(tmp.resolve("m"));
        scripts.write("1_a.sql", "CREATE TABLE a (id int);\n-- //@UNDO\nDROP TABLE a;\n");
        SchemaVersion before = of(scripts);

        scripts.write("1_a.sql", "CREATE TABLE a (id int);\n-- //@UNDO\nDROP TABLE IF EXISTS a;\n");
        assertEquals(before, of(scripts), "an undo edit");

        String edited = "CREATE TABLE a (id bigint);\n-- //@UNDO\nDROP TABLE IF EXISTS a;\n";
        scripts.write("1_a.sql", edited);
        String editedLine = "1:" + ScriptChecksum.ofText(edited) + "\n";
        assertEquals(new SchemaVersion("1", 1, sha256(editedLine)), of(scripts), "an up edit");
        assertNotEquals(before, of(scripts));

        scripts.write("2_b.sql", "SELECT 1;\n");
        assertEquals(
                new SchemaVersion("2", 2, sha256(editedLine + "2:" + ScriptChecksum.ofText("SELECT 1;\n") + "\n")),
                of(scripts),
                "a new script");
    }

    @Test
    void noScriptsIsHeadZero() throws Exception {
        Scripts scripts = new Scripts(tmp.resolve("m"));
        scripts.dir().toFile().mkdirs();
        assertEquals(new SchemaVersion("0", 0, sha256("")), of(scripts));
    }
}
