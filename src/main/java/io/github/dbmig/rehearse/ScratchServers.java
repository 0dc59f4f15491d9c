package io.github.dbmig.rehearse;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.config.RehearsalRequest;
import io.github.dbmig.testdb.RunningDatabase;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The servers that take dbmig:rehearse's copies when not the databases' own: each is reached (its container started)
 * once, when the first rehearsal that uses it has passed the checks that need no server, and closed at the end.
 * Rehearsals of a fleet may ask from several threads at once.
 */
public final class ScratchServers implements AutoCloseable {

    private final Map<String, Database> hosts;
    private final Function<Database, RunningDatabase> opener;
    private final Consumer<String> secrets;
    private final Map<String, RunningDatabase> opened = new LinkedHashMap<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    /**
     * @param hosts   for each declared id, the declared database whose server takes its copy (the {@code
     * <rehearse><server>} settings)
     * @param opener  reaches a declared database (starts its container)
     * @param secrets told the password of each server reached, to mask it
     */
    public ScratchServers(
            Map<String, Database> hosts, Function<Database, RunningDatabase> opener, Consumer<String> secrets) {
        this.hosts = hosts;
        this.opener = opener;
        this.secrets = secrets;
    }

    /** Where the copy of the selected database {@code id} goes, or null for its own server. */
    public RehearsalRequest.ScratchServer of(String id) {
        Database host = hosts.get(DatabaseSelector.declaredId(id));
        return host == null ? null : new RehearsalRequest.ScratchServer(host.id(), () -> reach(host));
    }

    private synchronized Database reach(Database host) {
        RuntimeException failed = failures.get(host.id());
        if (failed != null) {
            throw failed; // tried once for this build: every rehearsal that needs it is told the same, none tries again
        }
        RunningDatabase running = opened.get(host.id());
        if (running == null) {
            try {
                running = opener.apply(host);
            } catch (RuntimeException e) {
                failures.put(host.id(), e);
                throw e;
            }
            opened.put(host.id(), running);
            if (running.database().credentials() != null) {
                secrets.accept(running.database().credentials().password());
            }
        }
        return running.database();
    }

    @Override
    public synchronized void close() {
        for (RunningDatabase running : opened.values()) {
            try {
                running.close();
            } catch (RuntimeException e) {
                // a container left behind is removed when the build's JVM ends (testdb.docker.Reaper)
            }
        }
    }
}
