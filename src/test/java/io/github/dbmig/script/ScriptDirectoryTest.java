package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.testing.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void readsIdsAndDescriptionsAsMyBatisDoes() {
        Scripts scripts = new Scripts(dir);
        scripts.write("20240102000000_add_user_index.sql", "");
        scripts.write("20240101000000_create_users.sql", "");
        scripts.write("README.md", "not a script");
        scripts.write("bootstrap.sql", "");
        List<String> warnings = new ArrayList<>();

        ScriptSet set = ScriptDirectory.scan(dir, warnings);

        assertEquals(
                List.of("create users", "add user index"),
                set.all().stream().map(ScriptFile::description).toList());
        assertEquals("20240102000000", set.newestId().orElseThrow().toString());
        assertEquals(
                List.of(
                        "Skipping " + dir.resolve("bootstrap.sql")
                                + ": it is a MyBatis bootstrap script, which dbmig does" + " not run.",
                        "Not scripts, so skipped, in " + dir
                                + ": README.md (scripts are named <id>_<description>.sql)."),
                warnings);
    }

    @Test
    void filesThatLookLikeScriptsButWouldNeverRunAndIdZeroAreRefused() {
        Scripts scripts = new Scripts(dir);
        scripts.write("1_ok.sql", "SELECT 1;");
        scripts.write("003_x.SQL", "SELECT 1;");
        scripts.write("004_y.sql.txt", "SELECT 1;");
        scripts.write("0_zero.sql", "SELECT 1;");
        SetupException e = assertThrows(SetupException.class, () -> ScriptDirectory.scan(dir, new ArrayList<>()));
        assertEquals(
                "Cannot use the scripts in " + dir + ":\n"
                        + "  " + dir.resolve("003_x.SQL")
                        + " looks like a script but does not end in .sql, so it would never run;"
                        + " rename it to end in .sql (lower case)\n"
                        + "  " + dir.resolve("004_y.sql.txt")
                        + " looks like a script but does not end in .sql, so it would never"
                        + " run; rename it to end in .sql (lower case)\n"
                        + "  " + dir.resolve("0_zero.sql")
                        + " has the id 0, which means \"no script\" (downgrade -Ddbmig.target=0"
                        + " undoes everything); start at 1\n"
                        + "Rename or move these files; nothing was run.",
                e.getMessage());
    }

    @Test
    void misnamedFilesAreAllNamed() {
        Scripts scripts = new Scripts(dir);
        scripts.write("1_ok.sql", "");
        scripts.write("README.sql", "");
        scripts.write("abc_x.sql", "");
        SetupException e = assertThrows(SetupException.class, () -> ScriptDirectory.scan(dir, new ArrayList<>()));
        assertTrue(e.getMessage().contains("README.sql is not named <id>_<description>.sql"), e.getMessage());
        assertTrue(e.getMessage().contains("abc_x.sql is not named"), e.getMessage());
    }

    @Test
    void duplicateIdsAreRefused() {
        Scripts scripts = new Scripts(dir);
        scripts.write("001_a.sql", "");
        scripts.write("1_b.sql", "");
        SetupException e = assertThrows(SetupException.class, () -> ScriptDirectory.scan(dir, new ArrayList<>()));
        assertTrue(e.getMessage().contains("id 1 is used by both"), e.getMessage());
    }

    @Test
    void missingDirectoryNamesTheSetting() {
        SetupException e =
                assertThrows(SetupException.class, () -> ScriptDirectory.scan(dir.resolve("nope"), new ArrayList<>()));
        assertTrue(e.getMessage().contains("nope does not exist. Set <scripts>"), e.getMessage());
    }
}
