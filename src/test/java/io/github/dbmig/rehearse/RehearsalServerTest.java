package io.github.dbmig.rehearse;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The copy's server is checked before anything is dumped: a server older than the backup's cannot take it. */
class RehearsalServerTest {

    @Test
    void anOlderServerIsRefusedAndTheSameOrANewerOneIsNot() {
        SetupException e =
                assertThrows(SetupException.class, () -> RehearsalServer.requireVersion(14, 15, "scratch", "shop"));

        assertEquals(
                "The rehearsal server of scratch runs PostgreSQL 14, older than the 15 of database shop: its copy"
                        + " cannot be restored there. Nothing was dumped.",
                e.getMessage());
        RehearsalServer.requireVersion(15, 15, "scratch", "shop");
        RehearsalServer.requireVersion(17, 15, "scratch", "shop");
    }
}
