package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSelectorTest {

    @Test
    void oneDeclaredDatabaseIsTheDefault() {
        assertEquals(List.of("prod"), DatabaseSelector.select(List.of("prod"), null));
    }

    @Test
    void commaListsAndAll() {
        assertEquals(List.of("b", "a"), DatabaseSelector.select(List.of("a", "b", "c"), "b, a"));
        assertEquals(List.of("a", "b", "c"), DatabaseSelector.select(List.of("a", "b", "c"), "all"));
    }

    @Test
    void missingOrUnknownIdListsTheDeclaredOnes() {
        SetupException missing = assertThrows(SetupException.class, () -> DatabaseSelector.select(List.of("a", "b"), ""));
        assertTrue(missing.getMessage().contains("(a, b)"), missing.getMessage());
        SetupException unknown = assertThrows(SetupException.class, () -> DatabaseSelector.select(List.of("a", "b"), "prod"));
        assertEquals("Unknown database id prod in -Ddb=prod; declared: a, b.", unknown.getMessage());
    }

    @Test
    void duplicateAndMissingIdsAreRefused() {
        assertThrows(SetupException.class, () -> DatabaseSelector.select(List.of("a", "a"), "a"));
        assertThrows(SetupException.class, () -> DatabaseSelector.select(List.of(), null));
    }

    @Test
    void specNeedsExactlyOneOfUrlAndImageAndPlainNames() {
        Path dir = Path.of("migrations");
        assertThrows(SetupException.class, () -> DatabaseSpec.of("x", null, null, null, null, null, null, null, dir, Map.of()));
        assertThrows(SetupException.class, () -> DatabaseSpec.of("x", "jdbc:postgresql://h/d", "postgres:17", null, null, null,
                null, null, dir, Map.of()));
        SetupException badSchema = assertThrows(SetupException.class, () -> DatabaseSpec.of("x", "jdbc:postgresql://h/d", null,
                null, null, null, "my-schema", null, dir, Map.of()));
        assertTrue(badSchema.getMessage().startsWith("<database> x: <schema> \"my-schema\""), badSchema.getMessage());
        DatabaseSpec spec = DatabaseSpec.of("x", "jdbc:postgresql://h/d?password=secret", null, null, null, "pw", "App",
                "CHANGELOG", dir, Map.of());
        assertEquals("app.changelog", spec.changelogName());
        assertEquals("app", spec.variables().get("schema"));
        assertEquals("x", spec.serverId());
        assertTrue(!spec.toString().contains("secret") && !spec.toString().contains("pw"), spec.toString());
    }
}
