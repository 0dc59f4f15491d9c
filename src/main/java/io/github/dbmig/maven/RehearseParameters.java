package io.github.dbmig.maven;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.dbmig.config.Values.blankToNull;

/**
 * The {@code <rehearse>} element, of the plugin's configuration or of one {@code <database>}: where dbmig:rehearse
 * makes its scratch copy.
 */
public class RehearseParameters {

    /**
     * The id of another declared database whose server takes the scratch copy (an {@code <image>} one of the same
     * PostgreSQL major version, say); by default the database's own server. A database's own {@code <rehearse>} wins
     * over the plugin's, and {@code -Ddbmig.rehearse.server} over both.
     */
    String server;

    /**
     * For each declared database id, the declared database whose server takes its scratch copy, when not its own:
     * {@code -Ddbmig.rehearse.server}, else the database's own {@code <rehearse><server>}, else the plugin's. Every
     * named id is checked before anything runs.
     */
    static Map<String, Database> scratchHosts(
            String server, RehearseParameters rehearse, List<DatabaseParameters> declared, List<Database> databases) {
        Map<String, Database> byId = new LinkedHashMap<>();
        databases.forEach(d -> byId.put(d.id(), d));
        String plugin = rehearse == null ? null : blankToNull(rehearse.server);
        Map<String, Database> hosts = new HashMap<>();
        for (DatabaseParameters p : declared) {
            String own = p.rehearse == null ? null : blankToNull(p.rehearse.server);
            String serverId = blankToNull(server) != null ? server.strip() : own != null ? own : plugin;
            if (serverId == null || p.id == null) {
                continue;
            }
            Database host = byId.get(serverId);
            if (host == null) {
                String where = blankToNull(server) != null
                        ? "-Ddbmig.rehearse.server="
                        : own != null ? "<database> " + p.id.strip() + ": <rehearse><server>" : "<rehearse><server>";
                throw new SetupException(where + serverId + " is not a declared database id; declared: "
                        + String.join(", ", byId.keySet()) + ".");
            }
            hosts.put(p.id.strip(), host);
        }
        return hosts;
    }
}
