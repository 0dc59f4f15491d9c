package io.github.dbmig.maven.build;

import io.github.dbmig.api.Dbmig;
import io.github.dbmig.log.Log;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Ends dbmig's part of a build when Maven's session ends, whether the build succeeded, failed or was an error: it
 * removes the containers {@code dbmig:start} started and no {@code dbmig:stop} removed ({@link Dbmig#endOfBuild}).
 * Maven 3 fires {@code SessionEnded} (in a {@code finally}) to the execution listener of the request, read when the
 * event fires, so one put in place by a goal still hears it. It wraps the listener that was there and passes every
 * event on; the session's end after dbmig's own lines, so that Maven's summary comes last.
 */
final class EndOfBuild implements ExecutionListener {

    /** Marks a build whose request already has one: a goal of each project asks. */
    private static final String INSTALLED = "io.github.dbmig.end-of-build";

    private final ExecutionListener next;
    private final Log log;

    private EndOfBuild(ExecutionListener next, Log log) {
        this.next = next;
        this.log = log;
    }

    /** Wraps the build's execution listener, once per build. */
    static void installOnce(MavenSession session, Log log) {
        MavenExecutionRequest request = session.getRequest();
        synchronized (request) {
            if (request.getData().putIfAbsent(INSTALLED, Boolean.TRUE) == null) {
                request.setExecutionListener(new EndOfBuild(request.getExecutionListener(), log));
            }
        }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
        try {
            for (MavenProject project : event.getSession().getProjects()) {
                Map<String, Object> state = BuildState.takeFrom(project);
                if (state != null) {
                    Dbmig.endOfBuild(state, log);
                }
            }
        } finally {
            pass(l -> l.sessionEnded(event));
        }
    }

    private void pass(Consumer<ExecutionListener> event) {
        if (next != null) {
            event.accept(next);
        }
    }

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
        pass(l -> l.projectDiscoveryStarted(event));
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
        pass(l -> l.sessionStarted(event));
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
        pass(l -> l.projectSkipped(event));
    }

    @Override
    public void projectStarted(ExecutionEvent event) {
        pass(l -> l.projectStarted(event));
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
        pass(l -> l.projectSucceeded(event));
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
        pass(l -> l.projectFailed(event));
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
        pass(l -> l.mojoSkipped(event));
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
        pass(l -> l.mojoStarted(event));
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
        pass(l -> l.mojoSucceeded(event));
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
        pass(l -> l.mojoFailed(event));
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
        pass(l -> l.forkStarted(event));
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
        pass(l -> l.forkSucceeded(event));
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
        pass(l -> l.forkFailed(event));
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
        pass(l -> l.forkedProjectStarted(event));
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
        pass(l -> l.forkedProjectSucceeded(event));
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
        pass(l -> l.forkedProjectFailed(event));
    }
}
