package io.github.dbmig.testdb.docker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes dbmig's containers when the build's JVM ends (normally, on a failure, on Ctrl-C or SIGTERM), unless they are
 * kept for reuse or were removed already. One shutdown hook, registered with the first container; it runs JDK code
 * only (the build's class loader may be closed by then).
 */
final class Reaper extends Thread {

    private static final Map<String, DockerEngine> PENDING = new ConcurrentHashMap<>();
    private static Reaper hook;

    private Reaper() {
        super("dbmig-container-reaper");
    }

    static synchronized void removeAtExit(DockerEngine engine, String id) {
        PENDING.put(id, engine);
        if (hook == null) {
            hook = new Reaper();
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    static void keep(String id) {
        PENDING.remove(id);
    }

    @Override
    public void run() {
        for (Map.Entry<String, DockerEngine> entry : PENDING.entrySet()) {
            try {
                entry.getValue().delete("/containers/" + entry.getKey() + "?force=true&v=true");
            } catch (Exception ignored) {
                // the JVM is stopping: nothing else can be done
            }
        }
    }
}
