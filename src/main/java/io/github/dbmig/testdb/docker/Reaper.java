package io.github.dbmig.testdb.docker;

import io.github.dbmig.container.ContainerEngine;
import io.github.dbmig.exit.OnJvmExit;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The containers one build started and has not removed yet, unless kept for reuse: removed when the build ends
 * ({@link #removeAll}, called at the end of the build) or, should the JVM exit first (Ctrl-C or SIGTERM of a plain
 * {@code mvn}), by a JVM-exit action registered while any is pending; that action runs JDK code only (the build's class
 * loader may be closed by then). It lives in the build's per-project store, never in a static field: under a daemon
 * whose JVM outlives the build, a build's containers go with the build, and another build's are never touched.
 */
public final class Reaper {

    /** The key it is kept under in the build's store. */
    static final String KEY = "io.github.dbmig.containers";

    private final String buildId = UUID.randomUUID().toString();
    private final Map<String, ContainerEngine> pending = new HashMap<>();
    private OnJvmExit.Registration onExit;

    private Reaper() {}

    /** This build's, from its store; made there on first use. */
    public static Reaper in(Map<String, Object> buildState) {
        return (Reaper) buildState.computeIfAbsent(KEY, key -> new Reaper());
    }

    /** Tells this build from others of the same JVM (a daemon's), as the label {@link Containers#LABEL_BUILD}. */
    public String buildId() {
        return buildId;
    }

    synchronized void removeAtEnd(ContainerEngine engine, String id) {
        pending.put(id, engine);
        if (onExit == null) {
            onExit = OnJvmExit.run("dbmig-container-reaper", this::removeAll);
        }
    }

    /** No longer this build's to remove: removed already, or kept for reuse. */
    synchronized void keep(String id) {
        pending.remove(id);
        if (pending.isEmpty() && onExit != null) {
            onExit.close();
            onExit = null;
        }
    }

    /** Removes this container now, if it is still pending; fails when the engine cannot be reached. */
    public void remove(String id) throws IOException {
        ContainerEngine engine;
        synchronized (this) {
            engine = pending.get(id);
        }
        if (engine != null) {
            engine.remove(id);
            keep(id);
        }
    }

    /** Removes every container still pending, quietly. */
    public void removeAll() {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(pending.keySet());
        }
        for (String id : ids) {
            try {
                remove(id);
            } catch (IOException | RuntimeException ignored) {
                // the build or the JVM is ending: nothing else can be done
            }
        }
    }
}
