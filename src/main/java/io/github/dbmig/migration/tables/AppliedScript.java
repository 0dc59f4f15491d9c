package io.github.dbmig.migration.tables;

import io.github.dbmig.script.ScriptId;

/**
 * A changelog row.
 *
 * @param id          script id
 * @param appliedAt   MyBatis' text timestamp ({@code 2026-11-21 09:48:33.123})
 * @param description the description recorded when it was applied
 */
public record AppliedScript(ScriptId id, String appliedAt, String description) {}
