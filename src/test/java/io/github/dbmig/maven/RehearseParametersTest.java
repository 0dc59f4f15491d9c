package io.github.dbmig.maven;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Which server takes a database's rehearsal copy: -Ddbmig.rehearse.server, else its own <rehearse>, else the plugin's.
 */
class RehearseParametersTest {

    private static final List<Database> DATABASES =
            List.of(database("prod"), database("shop"), database("scratch"), database("other"));

    private static Database database(String id) {
        return new DatabaseBuilder("<database> " + id)
                .id(id)
                .url("jdbc:postgresql://h/" + id)
                .scripts(Path.of("m"))
                .build((i, url) -> new Credentials("app", null, "test", "test"));
    }

    private static DatabaseParameters declared(String id, String ownServer) {
        DatabaseParameters p = new DatabaseParameters();
        p.id = id;
        if (ownServer != null) {
            p.rehearse = rehearse(ownServer);
        }
        return p;
    }

    private static RehearseParameters rehearse(String server) {
        RehearseParameters r = new RehearseParameters();
        r.server = server;
        return r;
    }

    private static Map<String, String> hosts(
            String property, RehearseParameters plugin, DatabaseParameters... declared) {
        Map<String, String> ids = new TreeMap<>();
        RehearseParameters.scratchHosts(property, plugin, List.of(declared), DATABASES)
                .forEach((k, v) -> ids.put(k, v.id()));
        return ids;
    }

    @Test
    void thePropertyWinsOverADatabasesOwnElementWhichWinsOverThePlugins() {
        assertEquals(Map.of(), hosts(null, null, declared("prod", null), declared("shop", null)));
        assertEquals(
                Map.of("prod", "scratch", "shop", "other"),
                hosts(null, rehearse("scratch"), declared("prod", null), declared("shop", "other")));
        assertEquals(
                Map.of("prod", "other", "shop", "other"),
                hosts("other", rehearse("scratch"), declared("prod", "scratch"), declared("shop", null)));
        assertEquals(
                Map.of("shop", "scratch"),
                hosts(" ", rehearse(" "), declared("prod", ""), declared("shop", "scratch")));
    }

    @Test
    void anUnknownIdIsNamedWhereItWasWritten() {
        assertEquals(
                "<database> shop: <rehearse><server>nosuch is not a declared database id; declared: prod, shop,"
                        + " scratch,"
                        + " other.",
                assertThrows(
                                SetupException.class,
                                () -> hosts(
                                        null, rehearse("scratch"), declared("prod", null), declared("shop", "nosuch")))
                        .getMessage());
        assertEquals(
                "<rehearse><server>nosuch is not a declared database id; declared: prod, shop, scratch, other.",
                assertThrows(SetupException.class, () -> hosts(null, rehearse("nosuch"), declared("prod", null)))
                        .getMessage());
        assertEquals(
                "-Ddbmig.rehearse.server=nosuch is not a declared database id; declared: prod, shop, scratch, other.",
                assertThrows(SetupException.class, () -> hosts("nosuch", null, declared("prod", "scratch")))
                        .getMessage());
    }

    @Test
    void aDiscoveredDatabaseComesFromItsDeclaration() {
        assertEquals("tenants", DatabaseSelector.declaredId("tenants/shop_1"));
        assertEquals("prod", DatabaseSelector.declaredId("prod"));
    }
}
