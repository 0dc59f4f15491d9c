package io.github.dbmig.goal;

import io.github.dbmig.config.DowngradeRequest;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Release tags: one tag names one script per database; upgrade and downgrade go to a tag; an upgrade tags its release
 * in the same run, checked before anything runs; the errors say what exists.
 */
class TagsTest extends GoalTestBase {

    @BeforeEach
    void threeScripts() {
        scripts.table("1_a.sql", "a");
        scripts.table("2_b.sql", "b");
        scripts.table("3_c.sql", "c");
    }

    private List<String> tagRows() throws Exception {
        return db.queryStrings("SELECT tag || ' ' || script_id FROM dbmig_tags ORDER BY tag");
    }

    @Test
    void aTagNamesTheNewestAppliedScriptWithWhoAndWhichBuild() throws Exception {
        operations().upgrade(UpgradeRequest.to(ScriptId.of(2))).done();

        assertEquals("Database testdb: tagged 2 as 1.4.0.", operations().tag("1.4.0", false));

        assertEquals(List.of("1.4.0 2"), tagRows());
        assertEquals(
                List.of(db.username() + " " + TEST_RUN.osUser()),
                db.queryStrings("SELECT db_user || ' ' || os_user FROM dbmig_tags"));
        assertEquals(
                "Database testdb: tag 1.4.0 already names 2; nothing changed.",
                operations().tag("1.4.0", false));
    }

    @Test
    void aTagOnAnotherScriptMovesOnlyWithRetag() throws Exception {
        operations().upgrade(UpgradeRequest.to(ScriptId.of(2))).done();
        operations().tag("1.4.0", false);
        operations().upgrade(UpgradeRequest.all()).done();

        MigrationFailedException e =
                assertThrows(MigrationFailedException.class, () -> operations().tag("1.4.0", false));

        assertEquals(
                "Database testdb: tag 1.4.0 already names script 2, not the newest applied 3. Choose another tag,"
                        + " or move it with -Ddbmig.retag=true.",
                e.getMessage());
        assertEquals(List.of("1.4.0 2"), tagRows());
        assertEquals(
                "Database testdb: tagged 3 as 1.4.0 (moved from 2).",
                operations().tag("1.4.0", true));
        assertEquals(List.of("1.4.0 3"), tagRows());
    }

    @Test
    void nothingAppliedNothingToTagAndABlankTagIsRefused() throws Exception {
        MigrationFailedException none =
                assertThrows(MigrationFailedException.class, () -> operations().tag("1.0", false));
        assertEquals("Database testdb: no script is applied, so there is nothing to tag with 1.0.", none.getMessage());

        SetupException blank =
                assertThrows(SetupException.class, () -> operations().tag(" ", false));
        assertEquals(
                "dbmig:tag needs a tag: -Ddbmig.tag=1.4.0 (by default the project's version).", blank.getMessage());
        assertFalse(db.tableExists("dbmig_tags"), "a refused tag writes nothing");
    }

    @Test
    void upgradeAndDowngradeGoToATagAndAnUnknownTagListsTheTagsThereAre() throws Exception {
        operations().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();
        operations().tag("1.0", false);
        operations().upgrade(UpgradeRequest.all()).done();
        operations().tag("2.0", false);

        assertEquals(
                List.of(ScriptId.of(3), ScriptId.of(2)),
                operations().downgrade(DowngradeRequest.toTag("1.0")).done());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertEquals(
                List.of(ScriptId.of(2), ScriptId.of(3)),
                operations().upgrade(UpgradeRequest.all().toTag("2.0")).done());
        assertEquals(List.of(1L, 2L, 3L), db.changelogIds("changelog"));

        MigrationFailedException unknown = assertThrows(
                MigrationFailedException.class,
                () -> operations().downgrade(DowngradeRequest.toTag("1.5")).done());
        assertEquals("Database testdb has no tag 1.5; its tags: 1.0 (1), 2.0 (3).", unknown.getMessage());
        assertEquals(List.of(1L, 2L, 3L), db.changelogIds("changelog"));
    }

    @Test
    void aTagWithATargetOrStepsIsRefusedBeforeAnythingRuns() throws Exception {
        SetupException withTarget = assertThrows(
                SetupException.class,
                () -> operations().upgrade(UpgradeRequest.to(ScriptId.of(2)).toTag("1.0")));
        assertEquals("-Ddbmig.tag=1.0 and -Ddbmig.target=2 are both set; give one.", withTarget.getMessage());

        SetupException withSteps = assertThrows(
                SetupException.class,
                () -> operations()
                        .downgrade(new DowngradeRequest(null, 1, "1.0", false))
                        .done());
        assertEquals("-Ddbmig.tag=1.0 and -Ddbmig.steps=1 are both set; give one.", withSteps.getMessage());
        assertEquals(List.of(), db.queryStrings("SELECT relname::text FROM pg_class WHERE relname = 'changelog'"));
    }

    @Test
    void aReleaseTagThatNamesAnotherScriptIsRefusedBeforeAnythingRunsAndNothingIsChanged() throws Exception {
        operations().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();
        operations().tag("2.3.0", false);
        List<String> history = db.queryStrings("SELECT action || ' ' || script_id FROM dbmig_history ORDER BY seq");
        String message =
                "Database testdb: release tag 2.3.0 already names script 1, but this upgrade would end at script 3."
                        + " Nothing was changed. Give this release a tag of its own (a new version in"
                        + " -Ddbmig.releaseTag or"
                        + " <releaseTag>).";

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all().releaseTag("2.3.0")));
        MigrationFailedException dry = assertThrows(
                MigrationFailedException.class,
                () -> operations()
                        .upgrade(UpgradeRequest.all().releaseTag("2.3.0").dryRun(true)));

        assertEquals(message, e.getMessage());
        assertEquals(message, dry.getMessage());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertEquals(history, db.queryStrings("SELECT action || ' ' || script_id FROM dbmig_history ORDER BY seq"));
        assertEquals(List.of("2.3.0 1"), tagRows());
        assertFalse(db.tableExists("b"), "no statement of script 2 ran");
    }

    @Test
    void aReleaseIsUpgradedAndTaggedInOneRunAlsoUpToATarget() throws Exception {
        assertEquals(
                List.of(ScriptId.of(1), ScriptId.of(2)),
                operations()
                        .upgrade(UpgradeRequest.to(ScriptId.of(2)).releaseTag(" 1.0 "))
                        .done());
        assertEquals(
                List.of(ScriptId.of(3)),
                operations().upgrade(UpgradeRequest.all().releaseTag("2.0")).done());

        assertEquals(List.of("1.0 2", "2.0 3"), tagRows());
        assertEquals(
                List.of(db.username() + " " + TEST_RUN.osUser()),
                db.queryStrings("SELECT DISTINCT db_user || ' ' || os_user FROM dbmig_tags"));
        assertEquals(
                List.of("INFO Database testdb: tagged 2 as 1.0.", "INFO Database testdb: tagged 3 as 2.0."),
                log.lines.stream().filter(l -> l.contains("tagged")).toList());
    }

    @Test
    void withNothingPendingTheReleaseTagNamesTheNewestAppliedOrIsAcceptedWhenItAlreadyDoes() throws Exception {
        operations().upgrade(UpgradeRequest.all()).done();

        assertEquals(
                List.of(),
                operations().upgrade(UpgradeRequest.all().releaseTag("2.0")).done());
        assertEquals(
                List.of(),
                operations().upgrade(UpgradeRequest.all().releaseTag("2.0")).done());

        assertEquals(List.of("2.0 3"), tagRows());
        assertEquals(
                List.of(
                        "INFO Database testdb: tagged 3 as 2.0.",
                        "INFO Database testdb: tag 2.0 already names 3; nothing changed."),
                log.lines.stream().filter(l -> l.contains("2.0")).toList());
    }

    @Test
    void aReleaseTagThatAlreadyNamesTheScriptTheRunEndsAtIsAccepted() throws Exception {
        operations().upgrade(UpgradeRequest.all()).done();
        operations().tag("2.0", false);
        operations().downgrade(DowngradeRequest.to(ScriptId.of(1))).done();

        assertEquals(
                List.of(ScriptId.of(2), ScriptId.of(3)),
                operations().upgrade(UpgradeRequest.all().releaseTag("2.0")).done());

        assertEquals(List.of("2.0 3"), tagRows());
        assertTrue(log.contains("Database testdb: tag 2.0 already names 3; nothing changed."), log.toString());
    }

    @Test
    void aReleaseThatWouldEndAtNoScriptIsRefused() throws Exception {
        for (File file : scripts.dir().toFile().listFiles()) { // no script at all
            assertTrue(file.delete());
        }

        MigrationFailedException e = assertThrows(
                MigrationFailedException.class,
                () -> operations().upgrade(UpgradeRequest.all().releaseTag("1.0")));

        assertEquals(
                "Database testdb: no script is applied or pending, so there is nothing to tag with 1.0. Nothing was"
                        + " changed.",
                e.getMessage());
        assertFalse(db.tableExists("dbmig_tags"));
    }

    @Test
    void aDryRunOfAReleaseSaysWhereTheTagWouldGoAndRecordsNothing() throws Exception {
        operations().upgrade(UpgradeRequest.to(ScriptId.of(1))).done();

        assertEquals(
                List.of(),
                operations()
                        .upgrade(UpgradeRequest.all().releaseTag("2.0").dryRun(true))
                        .done());

        assertTrue(log.contains("INFO Dry run: the release tag 2.0 would name script 3."), log.toString());
        assertEquals(List.of(1L), db.changelogIds("changelog"));
        assertFalse(db.tableExists("dbmig_tags"));
    }
}
