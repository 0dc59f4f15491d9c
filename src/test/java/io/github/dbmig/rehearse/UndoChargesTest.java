package io.github.dbmig.rehearse;

import io.github.dbmig.schema.Fingerprint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each undo is charged only with the differences it introduced, not with those a later script's undo left. */
class UndoChargesTest {

    private static final String EMAIL = "table public.accounts: column email";
    private static final String STATUS = "table public.accounts: column status";
    private static final String ACCOUNTS = "table public.accounts: column id";

    /** Undos run newest first: 3 (forgets email), then 2 (correct): only 3 is charged. */
    @Test
    void aCorrectUndoIsNotBlamedForALaterScriptsLeftover() {
        Fingerprint before2 = new Fingerprint(Map.of(ACCOUNTS, "integer not null"));
        Fingerprint before3 = new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text"));
        UndoCharges charges = new UndoCharges();

        List<String> three = charges.undone(
                before3, new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text", EMAIL, "text")));
        List<String> two =
                charges.undone(before2, new Fingerprint(Map.of(ACCOUNTS, "integer not null", EMAIL, "text")));

        assertEquals(List.of("table public.accounts: column email added (text)"), three);
        assertEquals(List.of(), two);
    }

    /** Both undos broken, each in its own way: each is charged with its own difference only. */
    @Test
    void twoBrokenUndosAreEachChargedWithTheirOwn() {
        Fingerprint before2 = new Fingerprint(Map.of(ACCOUNTS, "integer not null"));
        Fingerprint before3 = new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text"));
        UndoCharges charges = new UndoCharges();

        List<String> three = charges.undone(
                before3, new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text", EMAIL, "text")));
        List<String> two = charges.undone(
                before2, new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text", EMAIL, "text")));

        assertEquals(List.of("table public.accounts: column email added (text)"), three);
        assertEquals(List.of("table public.accounts: column status added (text)"), two);
    }

    /**
     * Script 2 adds a column, script 3 changes its type and its undo forgets to change it back; script 2's undo forgets
     * to drop it. The column left behind (with 3's type) is 2's to drop: 2 is charged with it, 3 with the type.
     */
    @Test
    void aLeftoverThatAnEarlierUndoShouldHaveRemovedIsChargedToItToo() {
        Fingerprint before2 = new Fingerprint(Map.of(ACCOUNTS, "integer not null"));
        Fingerprint before3 = new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text"));
        UndoCharges charges = new UndoCharges();

        List<String> three =
                charges.undone(before3, new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "varchar(10)")));
        List<String> two =
                charges.undone(before2, new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "varchar(10)")));

        assertEquals(List.of("table public.accounts: column status changed (text -> varchar(10))"), three);
        assertEquals(List.of("table public.accounts: column status added (varchar(10))"), two);
    }

    /** An earlier undo that happens to remove what a later one left is charged with nothing, and removes nothing. */
    @Test
    void anUndoThatRemovesALaterLeftoverIsNotCharged() {
        Fingerprint before2 = new Fingerprint(Map.of(ACCOUNTS, "integer not null"));
        Fingerprint before3 = new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text"));
        UndoCharges charges = new UndoCharges();

        charges.undone(before3, new Fingerprint(Map.of(ACCOUNTS, "integer not null", STATUS, "text", EMAIL, "text")));
        List<String> two = charges.undone(before2, new Fingerprint(Map.of(ACCOUNTS, "integer not null")));

        assertEquals(List.of(), two);
    }
}
