package io.github.dbmig.goal;

import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.migration.execution.RunFailure;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An upgrade or a downgrade answers with what it did, as Flyway's migrate answers with a {@code MigrateResult}: where
 * it started and ended and which scripts it ran; a failed run's outcome says why and where it left the database, and
 * the throwing form fails with that same failure.
 */
class OutcomeTest extends GoalTestBase {

    @Test
    void anUpgradeAndADowngradeSayWhereTheyStartedAndEndedAndWhatTheyRan() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.table("2_b.sql", "b");

        assertEquals(
                new Outcome(
                        Optional.empty(),
                        Optional.of(ScriptId.of(2)),
                        List.of(ScriptId.of(1), ScriptId.of(2)),
                        null,
                        null),
                operations().upgrade(UpgradeRequest.all()));
        assertEquals(
                new Outcome(
                        Optional.of(ScriptId.of(2)), Optional.of(ScriptId.of(1)), List.of(ScriptId.of(2)), null, null),
                operations().downgrade(DowngradeRequest.undoing(1)));
        assertEquals(
                new Outcome(Optional.of(ScriptId.of(1)), Optional.of(ScriptId.of(1)), List.of(), null, null),
                operations().downgrade(DowngradeRequest.to(ScriptId.of(1)).dryRun(true)),
                "a dry run runs nothing");
    }

    @Test
    void aFailedRunSaysWhyAndWhereItLeftTheDatabaseAndTheThrowingFormFailsWithIt() throws Exception {
        scripts.table("1_a.sql", "a");
        scripts.write("2_bad.sql", "-- // bad\nSELECT no_such_column FROM a;\n");

        Outcome outcome = operations().change(UpgradeRequest.all());

        RunFailure failure = assertInstanceOf(RunFailure.class, outcome.failure());
        assertEquals(Optional.of(ScriptId.of(1)), failure.at());
        assertEquals(1, failure.done());
        assertEquals(Optional.empty(), outcome.from());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        MigrationFailedException thrown =
                assertThrows(MigrationFailedException.class, () -> operations().upgrade(UpgradeRequest.all()));
        assertEquals(
                failure.getMessage()
                        .replace(
                                "(1 script(s) applied by this run before it stay applied)",
                                "(nothing was applied by this run)"),
                thrown.getMessage(),
                "the second run starts at 1, fails on the same script");
    }
}
