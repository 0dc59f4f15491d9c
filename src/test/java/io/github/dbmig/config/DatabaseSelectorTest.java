package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        SetupException missing =
                assertThrows(SetupException.class, () -> DatabaseSelector.select(List.of("a", "b"), ""));
        assertEquals(
                "Several databases are declared (a, b); choose with -Ddb=ID, a comma list, a pattern such as tenant-*,"
                        + " or -Ddb=all.",
                missing.getMessage());
        SetupException unknown =
                assertThrows(SetupException.class, () -> DatabaseSelector.select(List.of("a", "b"), "prod"));
        assertEquals("Unknown database id prod in -Ddb=prod; declared: a, b.", unknown.getMessage());
        SetupException two =
                assertThrows(SetupException.class, () -> DatabaseSelector.select(List.of("a", "b"), "a,x,y"));
        assertEquals("Unknown database ids x, y in -Ddb=a,x,y; declared: a, b.", two.getMessage());
    }

    @Test
    void patternsMatchDeclaredIdsAndPickAmongDiscoveredOnes() {
        List<String> declared = List.of("tenant-eu", "tenant-us", "billing", "tenants");
        assertEquals(List.of("tenant-eu", "tenant-us"), DatabaseSelector.select(declared, "tenant-*"));
        assertEquals(
                List.of(new DatabaseSelector.Choice("tenants", List.of("acme_*", "globex"))),
                DatabaseSelector.choose(declared, "tenants/acme_*,tenants/globex"));
        assertEquals(
                List.of(new DatabaseSelector.Choice("tenants", List.of())),
                DatabaseSelector.choose(declared, "tenants"));
        DatabaseSelector.Choice some =
                DatabaseSelector.choose(declared, "tenants/acme_?").get(0);
        assertEquals(List.of(true, false), List.of(some.wants("acme_1"), some.wants("acme_12")));
        assertEquals(
                "The pattern shop-* in -Ddb=shop-* matches no declared database; declared: tenant-eu, tenant-us,"
                        + " billing,"
                        + " tenants.",
                assertThrows(SetupException.class, () -> DatabaseSelector.select(declared, "shop-*"))
                        .getMessage());
    }
}
