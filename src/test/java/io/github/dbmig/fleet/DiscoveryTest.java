package io.github.dbmig.fleet;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a selection finds of a declaration: a mistyped member or a pattern that matches nothing is named. */
class DiscoveryTest {

    private static DatabaseSelector.Choice choose(String declared, String selection) {
        return DatabaseSelector.choose(List.of(declared), selection).get(0);
    }

    @Test
    void aMemberOfADeclarationThatIsNoPatternIsRefusedInsteadOfRunningOnTheWholeDatabase() {
        Database prod = new DatabaseBuilder("<database> prod")
                .id("prod")
                .url("jdbc:postgresql://h/app")
                .scripts(Path.of("m"))
                .build((i, u) -> new Credentials("app", null, "test", "test"));

        assertEquals(List.of(prod), Discovery.expand(prod, choose("prod", "prod")));
        assertEquals(
                "-Ddb=prod/typo,prod/other: <database> prod is one database, not a pattern that stands for several;"
                        + " select it as -Ddb=prod.",
                assertThrows(SetupException.class, () -> Discovery.expand(prod, choose("prod", "prod/typo,prod/other")))
                        .getMessage());
    }

    @Test
    void aSchemaPatternThatMatchesNothingIsTheOneNamed() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase("discovery_schema");
        db.execute("CREATE SCHEMA tenant_a");
        Database tenants = db.builder()
                .id("tenants")
                .schema("shop_*")
                .scripts(Path.of("m"))
                .build(db.credentials());
        String host = tenants.url().hosts();

        assertEquals(
                "<database> tenants: the pattern shop_* matches no schema on " + host + ".",
                assertThrows(SetupException.class, () -> Discovery.expand(tenants, choose("tenants", "tenants")))
                        .getMessage());
        Database found = db.builder()
                .id("tenants")
                .schema("tenant_*")
                .scripts(Path.of("m"))
                .build(db.credentials());
        assertEquals(
                List.of("tenants/tenant_a"),
                Discovery.expand(found, choose("tenants", "tenants")).stream()
                        .map(Database::id)
                        .toList());
        assertEquals(
                "<database> tenants: -Ddb picks none of the databases it stands for (tenant_b).",
                assertThrows(SetupException.class, () -> Discovery.expand(found, choose("tenants", "tenants/tenant_b")))
                        .getMessage());
    }
}
