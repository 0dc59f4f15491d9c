package io.github.dbmig.migration.status;

import io.github.dbmig.migration.tables.AppliedScript;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptSet;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Where a database stands against its scripts: every script and every changelog row, by id. */
public final class StatusReader {

    private StatusReader() {}

    public static StatusReport report(
            String databaseId, String changelogName, DatabaseState state, ScriptSet scripts, Charset charset) {
        ScriptId newest = state.newest().orElse(null);
        Map<ScriptId, List<String>> tags = new HashMap<>();
        state.tags()
                .forEach((tag, id) ->
                        tags.computeIfAbsent(id, k -> new ArrayList<>()).add(tag));
        TreeMap<ScriptId, StatusRow> rows = new TreeMap<>();
        for (ScriptFile script : scripts.all()) {
            AppliedScript row = state.applied().get(script.id());
            ScriptState scriptState = row != null
                    ? ScriptState.APPLIED
                    : newest != null && script.id().compareTo(newest) < 0
                            ? ScriptState.PENDING_OUT_OF_ORDER
                            : ScriptState.PENDING;
            rows.put(
                    script.id(),
                    new StatusRow(
                            script.id(),
                            script.description(),
                            row == null ? null : row.appliedAt(),
                            scriptState,
                            row == null
                                    ? ChecksumState.NOT_APPLICABLE
                                    : compare(state.checksums().get(script.id()), scripts, script, charset),
                            tags.getOrDefault(script.id(), List.of())));
        }
        state.applied().values().stream()
                .filter(a -> !scripts.contains(a.id()))
                .forEach(a -> rows.put(
                        a.id(),
                        new StatusRow(
                                a.id(),
                                a.description(),
                                a.appliedAt(),
                                ScriptState.MISSING_FILE,
                                ChecksumState.NOT_APPLICABLE,
                                tags.getOrDefault(a.id(), List.of()))));
        return new StatusReport(databaseId, changelogName, state.changelogExists(), List.copyOf(rows.values()));
    }

    private static ChecksumState compare(String recorded, ScriptSet scripts, ScriptFile script, Charset charset) {
        if (recorded == null) {
            return ChecksumState.NOT_RECORDED;
        }
        return recorded.equals(scripts.checksum(script, charset)) ? ChecksumState.MATCHES : ChecksumState.CHANGED;
    }
}
