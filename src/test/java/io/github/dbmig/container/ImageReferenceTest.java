package io.github.dbmig.container;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Image references taken apart whole, as the engine reads them, and the wrong ones named with the part at fault. */
class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void theUsualFormsAreTakenApart() {
        assertEquals(new ImageReference(null, null, "postgres", "17", null), ImageReference.parse("postgres:17"));
        assertEquals(new ImageReference(null, null, "postgres", null, null), ImageReference.parse("postgres"));
        assertEquals(
                new ImageReference(null, null, "bitnami/postgresql", "17.2.0-debian-12-r5", null),
                ImageReference.parse("bitnami/postgresql:17.2.0-debian-12-r5"));
        assertEquals(
                new ImageReference("registry.corp", 5000, "mirror/library/postgres", "17-alpine", null),
                ImageReference.parse("registry.corp:5000/mirror/library/postgres:17-alpine"));
        assertEquals(
                new ImageReference("localhost", null, "postgres", null, null),
                ImageReference.parse("localhost/postgres"));
    }

    @Test
    void aDigestIsKeptWholeAndIsNoTag() {
        ImageReference pinned = ImageReference.parse("postgres@" + DIGEST);
        assertEquals(new ImageReference(null, null, "postgres", null, DIGEST), pinned);
        assertEquals("postgres@" + DIGEST, pinned.toString());
        ImageReference both = ImageReference.parse("registry.corp:5000/postgres:17@" + DIGEST);
        assertEquals(new ImageReference("registry.corp", 5000, "postgres", "17", DIGEST), both);
        assertEquals("registry.corp:5000/postgres:17@" + DIGEST, both.toString());
        assertEquals("registry.corp:5000/postgres", both.repository());
    }

    @Test
    void anUntaggedMirrorTakesATag() {
        assertEquals(
                "registry.corp/mirror/postgres:18",
                ImageReference.parse("registry.corp/mirror/postgres")
                        .withTag("18")
                        .toString());
        assertEquals(false, ImageReference.parse("postgres@" + DIGEST).untagged());
        assertEquals(true, ImageReference.parse("registry.corp:5000/postgres").untagged());
    }

    @Test
    void aWrongPartIsNamed() {
        assertEquals(
                "Postgres:17 is not an image reference: its repository path part Postgres may hold only lowercase"
                        + " letters, digits and single separators ('.', '_', '__', '-').",
                wrong("Postgres:17"));
        assertEquals(
                "postgres:17 alpine is not an image reference: its tag 17 alpine may hold only letters, digits, '_',"
                        + " '.' and '-' (at most 128, not starting with '.' or '-').",
                wrong("postgres:17 alpine"));
        assertEquals(
                "postgres@sha256:abc is not an image reference: its digest sha256:abc is not an algorithm and hex"
                        + " digits, such as sha256:<64 hex digits>.",
                wrong("postgres@sha256:abc"));
        assertEquals(
                "registry.corp:99999/postgres is not an image reference: its registry port 99999 is not a number from"
                        + " 1 to 65535.",
                wrong("registry.corp:99999/postgres"));
        assertEquals("is empty; name an image such as postgres:17", wrong(" "));
        assertEquals(
                "mirror//postgres is not an image reference: its repository path has an empty part.",
                wrong("mirror//postgres"));
    }

    private static String wrong(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text))
                .getMessage();
    }
}
