package io.github.dbmig.maven.build;

import io.github.dbmig.log.Log;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What dbmig's goals of one project leave for later ones of the same build ({@code start} for {@code stop}): kept in
 * Maven's project context values, which are per project and per build, never in a static field, so that under the Maven
 * daemon (whose JVM and plugin class loaders outlive a build) the next build neither sees nor stops what this one
 * started. The build's end is watched by {@link EndOfBuild}, put in place with the first state of the build.
 */
public final class BuildState {

    /** The project context value that carries it. */
    static final String KEY = "io.github.dbmig.build-state";

    private BuildState() {}

    /**
     * This project's state in this build, made on first use.
     *
     * @param session the build, or null outside one (then nothing ends it but the JVM's exit)
     * @param project the project, or null outside a build (then the state is the goal's own)
     * @param log     where the end of the build says what it removed
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(MavenSession session, MavenProject project, Log log) {
        if (project == null) {
            return new ConcurrentHashMap<>();
        }
        synchronized (project) {
            Object state = project.getContextValue(KEY);
            if (state == null) {
                state = new ConcurrentHashMap<String, Object>();
                project.setContextValue(KEY, state);
                if (session != null) {
                    EndOfBuild.installOnce(session, log);
                }
            }
            return (Map<String, Object>) state;
        }
    }

    /** The project's state in this build, taken out of it; null when no dbmig goal made one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> takeFrom(MavenProject project) {
        synchronized (project) {
            Object state = project.getContextValue(KEY);
            project.setContextValue(KEY, null);
            return (Map<String, Object>) state;
        }
    }
}
