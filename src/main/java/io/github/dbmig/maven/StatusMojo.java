package io.github.dbmig.maven;

import io.github.dbmig.api.StatusRequest;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows, for each selected database, every script with its id, description and when it was applied (or that it
 * is pending), then a summary line. It changes nothing in the database and takes no lock; like every goal that
 * connects, it drops the temporary databases that killed dbmig runs left on that server, saying so in the log.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractDbmigMojo {

    /** Also show the history: who applied, undid or stamped which script, when, from which build. */
    @Parameter(property = "dbmig.history", defaultValue = "false")
    private String history;

    /** How many history rows to show, newest first. */
    @Parameter(property = "dbmig.historyRows", defaultValue = "50")
    private int historyRows;

    @Override
    protected void run() {
        boolean withHistory = commandLine().isTrue(history, "dbmig.history", "history");
        dbmig().status(selection(), new StatusRequest(withHistory, historyRows));
    }
}
