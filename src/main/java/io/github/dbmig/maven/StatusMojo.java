package io.github.dbmig.maven;

import io.github.dbmig.engine.StatusReport;
import io.github.dbmig.engine.StatusRow;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Shows, for each selected database, every script with its id, description and when it was applied (or that it
 * is pending), then a summary line. Reads only: it creates nothing and takes no lock.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractDbmigMojo {

    @Override
    protected void run() {
        forEachSelectedDatabase((database, migrator) -> print(migrator.status()));
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
            case APPLIED -> row.appliedAt();
            case PENDING -> "pending";
            case PENDING_OUT_OF_ORDER -> "pending (out of order)";
            case MISSING_FILE -> row.appliedAt() + " (no file)";
        };
    }
}
