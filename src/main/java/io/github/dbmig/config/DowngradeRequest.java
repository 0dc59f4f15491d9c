package io.github.dbmig.config;

import io.github.dbmig.script.ScriptId;

/**
 * What a downgrade is asked to do: where to end, given one way only (a script id, a number of steps, or a tag), and
 * whether to run or only plan. Built from {@link #to(ScriptId)}, {@link #undoing(int)} or {@link #toTag(String)}; the
 * downgrade refuses a request that gives more than one or none.
 *
 * @param target the id that is to remain the newest applied, {@link ScriptId#ZERO} for none; or null
 * @param steps  how many of the newest applied scripts to undo; or null
 * @param tag    undo down to the script this tag names on the database; or null
 * @param dryRun plan and write the SQL instead of running it
 */
public record DowngradeRequest(ScriptId target, Integer steps, String tag, boolean dryRun) {

    public DowngradeRequest {
        tag = tag == null || tag.isBlank() ? null : tag.strip();
    }

    /** Until {@code target} is the newest applied script ({@link ScriptId#ZERO}: undo everything). */
    public static DowngradeRequest to(ScriptId target) {
        return new DowngradeRequest(target, null, null, false);
    }

    /** The {@code steps} newest applied scripts. */
    public static DowngradeRequest undoing(int steps) {
        return new DowngradeRequest(null, steps, null, false);
    }

    /** Until the script {@code tag} names is the newest applied. */
    public static DowngradeRequest toTag(String tag) {
        return new DowngradeRequest(null, null, tag, false);
    }

    public DowngradeRequest dryRun(boolean planOnly) {
        return new DowngradeRequest(target, steps, tag, planOnly);
    }
}
