package io.github.dbmig.config;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What {@code dbmig:rehearse} is asked to do with one database.
 *
 * @param backup         a backup to use instead of a fresh one, or null
 * @param latest         use the newest verified backup taken at the database's current state instead of a fresh one
 * @param server         the server that takes the copy when it is not the database's own, or null
 * @param keep           keep the scratch database, for inspection
 * @param last           with nothing pending, rehearse the round trip of this many of the newest applied scripts; or
 *                       null
 * @param failOnProblems fail when a script fails, an undo is incomplete, a second upgrade differs or verify finds a
 *                       problem
 */
public record RehearsalRequest(
        Path backup, boolean latest, ScratchServer server, boolean keep, Integer last, boolean failOnProblems) {

    /** The same request, its copy going to {@code scratch} (null: the database's own server). */
    public RehearsalRequest on(ScratchServer scratch) {
        return new RehearsalRequest(backup, latest, scratch, keep, last, failOnProblems);
    }

    /**
     * Another declared database whose server takes the copy: known by its id at once, reached (its container started)
     * only once the checks that need no server have passed.
     *
     * @param id   its declared id
     * @param open gives it ready to connect to; called at most once per rehearsal, from the rehearsal's thread
     */
    public record ScratchServer(String id, Supplier<Database> open) {}
}
