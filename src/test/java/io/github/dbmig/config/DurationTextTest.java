package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationTextTest {

    @Test
    void readsTheUsualSpellings() {
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s", "x"));
        assertEquals(Duration.ofMinutes(10), DurationText.parse("10m", "x"));
        assertEquals(Duration.ofMinutes(10), DurationText.parse(" 10 min ", "x"));
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms", "x"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h", "x"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90", "x"));
        assertEquals(Duration.ofMinutes(10), DurationText.parse("PT10M", "x"));
    }

    @Test
    void aTypoNamesTheSetting() {
        SetupException e = assertThrows(
                SetupException.class, () -> DurationText.parse("10 minutes", "<database> prod: <lockTimeout>"));
        assertTrue(
                e.getMessage().startsWith("<database> prod: <lockTimeout> \"10 minutes\" is not a duration"),
                e.getMessage());
    }
}
