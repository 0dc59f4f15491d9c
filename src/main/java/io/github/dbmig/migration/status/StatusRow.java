package io.github.dbmig.migration.status;

import io.github.dbmig.script.ScriptId;

import java.util.List;

/**
 * One line of {@code dbmig:status}.
 *
 * @param id          script id
 * @param description from the file name, or from the changelog when the file is gone
 * @param appliedAt   changelog timestamp, or null when not applied
 * @param state       where it stands
 * @param checksum    whether an applied script's file still matches what was applied
 * @param tags        the release tags on it, if any
 */
public record StatusRow(
        ScriptId id,
        String description,
        String appliedAt,
        ScriptState state,
        ChecksumState checksum,
        List<String> tags) {}
