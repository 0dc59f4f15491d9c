package io.github.dbmig.migration.status;

import io.github.dbmig.script.ScriptId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a database stands against its scripts.
 *
 * @param databaseId       the database
 * @param changelogName    the changelog table, e.g. {@code app.changelog}
 * @param changelogExists  false on a database dbmig never touched
 * @param rows             every script and every changelog row, by id
 */
public record StatusReport(String databaseId, String changelogName, boolean changelogExists, List<StatusRow> rows) {

    public long count(ScriptState state) {
        return rows.stream().filter(r -> r.state() == state).count();
    }

    public long applied() {
        return count(ScriptState.APPLIED) + count(ScriptState.MISSING_FILE);
    }

    public long pending() {
        return count(ScriptState.PENDING) + count(ScriptState.PENDING_OUT_OF_ORDER);
    }

    public Optional<ScriptId> newestApplied() {
        return rows.stream()
                .filter(r -> r.appliedAt() != null)
                .map(StatusRow::id)
                .reduce((a, b) -> b);
    }

    /** The table {@code dbmig:status} prints: id, applied at (or pending), description; then {@link #summary()}. */
    public List<String> lines() {
        int idWidth = Math.max(
                2, rows.stream().mapToInt(r -> r.id().toString().length()).max().orElse(2));
        String format = "%-" + idWidth + "s  %-23s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "ID", "Applied At", "Description"));
        for (StatusRow row : rows) {
            lines.add(String.format(
                    format,
                    row.id(),
                    appliedColumn(row),
                    row.description() + (row.tags().isEmpty() ? "" : "  [tag " + String.join(", ", row.tags()) + "]")));
        }
        lines.add(summary());
        return lines;
    }

    private static String appliedColumn(StatusRow row) {
        return switch (row.state()) {
            case APPLIED ->
                row.appliedAt()
                        + switch (row.checksum()) {
                            case CHANGED -> " (changed)";
                            case NOT_RECORDED -> " (no checksum)";
                            default -> "";
                        };
            case PENDING -> "pending";
            case PENDING_OUT_OF_ORDER -> "pending (out of order)";
            case MISSING_FILE -> row.appliedAt() + " (no file)";
        };
    }

    /** "prod: 12 applied, 2 pending, newest applied 20240102000000". */
    public String summary() {
        StringBuilder text = new StringBuilder(databaseId)
                .append(": ")
                .append(applied())
                .append(" applied, ")
                .append(pending())
                .append(" pending");
        if (count(ScriptState.PENDING_OUT_OF_ORDER) > 0) {
            text.append(" (").append(count(ScriptState.PENDING_OUT_OF_ORDER)).append(" out of order)");
        }
        long changed =
                rows.stream().filter(r -> r.checksum() == ChecksumState.CHANGED).count();
        if (changed > 0) {
            text.append(", ").append(changed).append(" changed since applied");
        }
        if (count(ScriptState.MISSING_FILE) > 0) {
            text.append(", ").append(count(ScriptState.MISSING_FILE)).append(" applied with no script file");
        }
        text.append(", ")
                .append(newestApplied().map(id -> "newest applied " + id).orElse("nothing applied"));
        if (!changelogExists) {
            text.append(" (no changelog table ").append(changelogName).append(" yet)");
        }
        return text.toString();
    }
}
