package io.github.dbmig.maven;

import io.github.dbmig.engine.StatusReport;
import io.github.dbmig.engine.StatusRow;
import io.github.dbmig.engine.HistoryRow;
import io.github.dbmig.engine.Provenance;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Shows, for each selected database, every script with its id, description and when it was applied (or that it
 * is pending), then a summary line. Reads only: it creates nothing and takes no lock.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractDbmigMojo {

    /** Also show the history: who applied, undid or stamped which script, when, from which build. */
    @Parameter(property = "dbmig.history", defaultValue = "false")
    private boolean history;

    /** How many history rows to show, newest first. */
    @Parameter(property = "dbmig.historyRows", defaultValue = "50")
    private int historyRows;

    @Override
    protected void run() {
        forEachSelectedDatabase(database -> {
            print(database.migrator().status());
            if (history) {
                printHistory(database.migrator().history(historyRows));
            }
        });
    }

    private void printHistory(List<HistoryRow> rows) {
        if (rows.isEmpty()) {
            getLog().info("No history recorded yet.");
            return;
        }
        getLog().info("History, newest first:");
        for (HistoryRow row : rows) {
            Provenance p = row.provenance();
            getLog().info(String.format("%s  %-7s %s  %d ms  by %s (%s@%s)  %s%s%s%s", row.startedAt(), row.action(),
                    row.scriptId(), row.durationMs(), row.dbUser(), p.osUser(), p.host(),
                    p.project() == null ? "" : p.project(),
                    p.gitCommit() == null ? "" : " commit " + p.gitCommit().substring(0, Math.min(12, p.gitCommit().length())),
                    p.dbmigVersion() == null ? "" : " dbmig " + p.dbmigVersion(),
                    row.checksum() == null ? "" : " sha256 " + row.checksum().substring(0, 12)));
        }
    }

    private void print(StatusReport report) {
        int idWidth = Math.max(2, report.rows().stream().mapToInt(r -> r.id().toString().length()).max().orElse(2));
        String format = "%-" + idWidth + "s  %-23s  %s";
        StringBuilder table = new StringBuilder();
        table.append(String.format(format, "ID", "Applied At", "Description"));
        for (StatusRow row : report.rows()) {
            table.append('\n').append(String.format(format, row.id(), appliedColumn(row), row.description()));
        }
        table.append('\n').append(report.summary());
        for (String line : table.toString().split("\n")) {
            getLog().info(line);
        }
    }

    private static String appliedColumn(StatusRow row) {
        return switch (row.state()) {
            case APPLIED -> row.appliedAt() + switch (row.checksum()) {
                case CHANGED -> " (changed)";
                case NOT_RECORDED -> " (no checksum)";
                default -> "";
            };
            case PENDING -> "pending";
            case PENDING_OUT_OF_ORDER -> "pending (out of order)";
            case MISSING_FILE -> row.appliedAt() + " (no file)";
        };
    }
}
