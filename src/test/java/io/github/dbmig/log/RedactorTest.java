package io.github.dbmig.log;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactorTest {

    @Test
    void passwordsInUrlsAreMasked() {
        assertEquals(
                "jdbc:postgresql://db/app?user=app&password=***&ssl=true and postgresql://app:***@db/app",
                Redactor.maskUrls("jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true and"
                        + " postgresql://app:s3cret@db/app"));
    }

    @Test
    void aKnownSecretIsMaskedWhereverItStandsAsATokenButNotInsideLongerWords() {
        assertEquals(
                "FATAL: bad *** for 'app' (***), PGPASSWORD=*** at jdbc:postgresql://localhost/postgres_app",
                Redactor.mask(
                        "FATAL: bad postgres for 'app' (postgres), PGPASSWORD=postgres at"
                                + " jdbc:postgresql://localhost/postgres_app",
                        List.of("postgres")));
        assertEquals("x *** y", Redactor.mask("x p@ss-w0rd! y", List.of("p@ss-w0rd!")));
        assertEquals(
                "the pw abc is too short to mask", Redactor.mask("the pw abc is too short to mask", List.of("abc")));
    }
}
