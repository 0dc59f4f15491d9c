package io.github.dbmig.config;

import io.github.dbmig.script.ScriptId;

/**
 * What an upgrade is asked to do: how far to go, whether to tag the release, and how to run. Built from
 * {@link #all()} or {@link #to(ScriptId)}, each option by name.
 *
 * @param target     the last script to apply, or null
 * @param tag        go up to the script this tag names on the database (not with a target), or null
 * @param releaseTag record this tag on the script the upgrade ends at, in the same locked run; checked before the
 *                   first script: it must be free or already name that script. Or null
 * @param outOfOrder apply never-applied scripts older than the newest applied one instead of refusing
 * @param dryRun     plan and write the SQL instead of running it
 */
public record UpgradeRequest(ScriptId target, String tag, String releaseTag, boolean outOfOrder, boolean dryRun) {

    public UpgradeRequest {
        tag = blankAsNull(tag);
        releaseTag = blankAsNull(releaseTag);
    }

    /** Every pending script. */
    public static UpgradeRequest all() {
        return new UpgradeRequest(null, null, null, false, false);
    }

    /** Up to {@code target}, or every pending script when it is null. */
    public static UpgradeRequest to(ScriptId target) {
        return new UpgradeRequest(target, null, null, false, false);
    }

    /** Up to the script {@code tag} names on the database; null or blank for none. */
    public UpgradeRequest toTag(String tag) {
        return new UpgradeRequest(target, tag, releaseTag, outOfOrder, dryRun);
    }

    /** Tag the release with {@code name} on the script the upgrade ends at; null or blank for none. */
    public UpgradeRequest releaseTag(String name) {
        return new UpgradeRequest(target, tag, name, outOfOrder, dryRun);
    }

    public UpgradeRequest outOfOrder(boolean allowed) {
        return new UpgradeRequest(target, tag, releaseTag, allowed, dryRun);
    }

    public UpgradeRequest dryRun(boolean planOnly) {
        return new UpgradeRequest(target, tag, releaseTag, outOfOrder, planOnly);
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
