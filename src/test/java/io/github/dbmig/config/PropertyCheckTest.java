package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.testdb.Published;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The command line's {@code -Ddbmig.*} keys: typos of known ones refused naming both, other unknown ones warned. */
class PropertyCheckTest {

    /** A few of the properties the goals read, as the plugin descriptor lists them (the deprecated one included). */
    private static final List<String> READ = List.of(
            "dbmig.dryRun",
            "dbmig.failFast",
            "dbmig.shard",
            "dbmig.parallel",
            "dbmig.purge",
            "dbmig.skip",
            "dbmig.target",
            "dbmig.tag",
            "dbmig.lockWait",
            "dbmig.lockTimeout",
            "dbmig.backup",
            "dbmig.backup.skip",
            "dbmig.steps");

    private static PropertyCheck check(List<String> ids, List<String> pom) {
        return new PropertyCheck(READ, ids, pom);
    }

    private static String refused(List<String> given) {
        return assertThrows(
                        SetupException.class,
                        () -> check(List.of("prod"), List.of()).check(given))
                .getMessage();
    }

    @Test
    void aKeyEqualButForCaseIsATypoNamingTheRealOne() {
        assertEquals(
                "-Ddbmig.dryrun is not a dbmig property; did you mean -Ddbmig.dryRun?",
                refused(List.of("dbmig.dryrun")));
        assertEquals(
                "-Ddbmig.failfast is not a dbmig property; did you mean -Ddbmig.failFast?",
                refused(List.of("dbmig.failfast")));
        assertEquals(
                "-Ddbmig.DRYRUN is not a dbmig property; did you mean -Ddbmig.dryRun?",
                refused(List.of("dbmig.DRYRUN")));
        assertEquals(
                "-DDBMIG.skip is not a dbmig property; did you mean -Ddbmig.skip?", refused(List.of("DBMIG.skip")));
    }

    @Test
    void aKeyWithinTwoEditsIsATypo() {
        assertEquals(
                "-Ddbmig.shards is not a dbmig property; did you mean -Ddbmig.shard?",
                refused(List.of("dbmig.shards")));
        assertEquals(
                "-Ddbmig.purg is not a dbmig property; did you mean -Ddbmig.purge?", refused(List.of("dbmig.purg")));
        assertEquals(
                "-Ddbmig.paralell is not a dbmig property; did you mean -Ddbmig.parallel?",
                refused(List.of("dbmig.paralell")));
    }

    @Test
    void theClosestKnownKeyWinsAndTiesGoAlphabetically() {
        // dbmig.step: one edit from dbmig.steps, two from dbmig.skip
        assertEquals(
                "-Ddbmig.step is not a dbmig property; did you mean -Ddbmig.steps?", refused(List.of("dbmig.step")));
        // dbmig.taget: one edit from dbmig.target, two from dbmig.tag
        assertEquals(
                "-Ddbmig.taget is not a dbmig property; did you mean -Ddbmig.target?", refused(List.of("dbmig.taget")));
        // dbmig.stap: two edits from dbmig.skip, dbmig.steps and dbmig.tag alike
        assertEquals(
                "-Ddbmig.stap is not a dbmig property; did you mean -Ddbmig.skip?", refused(List.of("dbmig.stap")));
        // equal but for case beats fewer edits: dbmig.xyz is one edit from dbmig.xy, three from dbmig.XYZ
        assertEquals("dbmig.XYZ", PropertyCheck.closest("dbmig.xyz", List.of("dbmig.xy", "dbmig.XYZ")));
        assertNull(PropertyCheck.closest("dbmig.colour", READ));
    }

    @Test
    void everyTypoIsNamedInKeyOrderAndTheyWinOverWarnings() {
        assertEquals(
                "-Ddbmig.dryrun is not a dbmig property; did you mean -Ddbmig.dryRun?"
                        + " -Ddbmig.shards is not a dbmig property; did you mean -Ddbmig.shard?",
                refused(List.of("dbmig.shards", "dbmig.colour", "dbmig.dryrun")));
    }

    @Test
    void aFarAwayKeyIsWarnedAboutOnlyAndOtherPropertiesAreNotLookedAt() {
        assertEquals(
                List.of(
                        "-Ddbmig.colour is not a property of dbmig; ignored.",
                        "-Ddbmig.it.image is not a property of dbmig; ignored."),
                check(List.of("prod"), List.of())
                        .check(List.of(
                                "db",
                                "dbmig.it.image",
                                "maven.test.skip",
                                "dbmig.colour",
                                "dbmig.dryRun",
                                "skipTests",
                                "dbmigration")));
    }

    @Test
    void knownKeysPassQuietly() {
        List<String> given = List.of(
                "dbmig.dryRun",
                "dbmig.lockTimeout", // read by a goal, the deprecated name too
                "dbmig.prod.url",
                "dbmig.prod.password",
                "dbmig.prod.database", // published for a declared id
                "dbmig.prod.sleep",
                "dbmig.it.image", // anything else under a declared id
                "dbmig.quickstart.image",
                "dbmig.dryrun.note", // the pom's own properties
                PropertyCheck.WAIT_LOG_SECONDS); // read as a system property
        assertEquals(
                List.of(),
                check(List.of(" prod ", "it", ""), List.of("dbmig.quickstart.image", "dbmig.dryrun.note"))
                        .check(given));
    }

    @Test
    void aPomPropertyIsKnownEvenWhenItLooksLikeATypo() {
        assertEquals(List.of(), check(List.of(), List.of("dbmig.shards")).check(List.of("dbmig.shards")));
    }

    @Test
    void aPublishedKeyOfAnUndeclaredIdIsOnlyWarnedAboutUnlessItIsCloseToADeclaredOne() {
        assertEquals(
                List.of("-Ddbmig.it.url is not a property of dbmig; ignored."),
                check(List.of("scratch"), List.of()).check(List.of("dbmig.it.url")));
        assertEquals(
                "-Ddbmig.prd.url is not a dbmig property; did you mean -Ddbmig.prod.url?",
                refused(List.of("dbmig.prd.url")));
    }

    @Test
    void thePublishedKeysAreThoseDbmigStartPublishes() {
        assertEquals(
                PropertyCheck.PUBLISHED,
                List.copyOf(new Published("it", "jdbc:postgresql://h/d", "u", "pw", "h", "5432", "d", "here")
                        .properties()
                        .keySet()));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, PropertyCheck.distance("dbmig.tag", "dbmig.tag"));
        assertEquals(1, PropertyCheck.distance("dbmig.dryrun", "dbmig.dryRun"));
        assertEquals(2, PropertyCheck.distance("dbmig.paralell", "dbmig.parallel"));
        assertEquals(3, PropertyCheck.distance("kitten", "sitting"));
        assertEquals(6, PropertyCheck.distance("", "abcdef"));
    }
}
