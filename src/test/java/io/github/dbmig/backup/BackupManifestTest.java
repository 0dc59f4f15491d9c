package io.github.dbmig.backup;

import io.github.dbmig.config.BackupFormat;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The manifest is JSON that other tools read: every string, however odd, is written and read back exactly, the recorded
 * changelog included.
 */
class BackupManifestTest {

    @Test
    void quotesBackslashesAndNonAsciiNamesRoundTrip() {
        BackupManifest manifest = new BackupManifest(
                "prod-eu",
                "Ünïcødé \"db\" \\ 日本",
                "o'wner",
                "15.4 (Debian)",
                15,
                null,
                List.of("app", "sch\"ema"),
                BackupFormat.PLAIN,
                "prod-eu-20261202-063015-123-a1b2-0.sql.gz",
                12345L,
                678L,
                "ab".repeat(32),
                Instant.parse("2026-12-02T06:30:15.123Z"),
                true,
                List.of(
                        new BackupManifest.Applied("1", "cd".repeat(32)),
                        new BackupManifest.Applied("20261202063015", null)));

        String json = manifest.toJson();

        assertEquals("""
                {
                  "database": "prod-eu",
                  "databaseName": "Ünïcødé \\"db\\" \\\\ 日本",
                  "owner": "o'wner",
                  "serverVersion": "15.4 (Debian)",
                  "pgDumpVersion": 15,
                  "schemaVersion": null,
                  "schemas": [
                    "app",
                    "sch\\"ema"
                  ],
                  "format": "plain",
                  "file": "prod-eu-20261202-063015-123-a1b2-0.sql.gz",
                  "sizeBytes": 12345,
                  "durationMillis": 678,
                  "sha256": "%s",
                  "createdAt": "2026-12-02T06:30:15.123Z",
                  "verified": true,
                  "changelog": [
                    {
                      "id": "1",
                      "checksum": "%s"
                    },
                    {
                      "id": "20261202063015",
                      "checksum": null
                    }
                  ]
                }
                """.formatted("ab".repeat(32), "cd".repeat(32)), json);
        assertEquals(manifest, BackupManifest.fromJson(json, "test"));
    }

    /**
     * A manifest written before dbmig recorded the changelog reads back without one: whether it matches cannot be told.
     */
    @Test
    void aManifestWithoutAChangelogHasNone() {
        String old = """
                {"database": "prod", "databaseName": "app", "owner": "app", "serverVersion": "15.4", "pgDumpVersion":
                  15,
                 "schemaVersion": "1", "schemas": [], "format": "custom", "file":
                   "prod-20261202-063015-123-a1b2-1.dump",
                 "sizeBytes": 10, "durationMillis": 5, "sha256": "%s", "createdAt": "2026-12-02T06:30:15.123Z",
                   "verified": true}
                """.formatted("ab".repeat(32));

        BackupManifest manifest = BackupManifest.fromJson(old, "test");

        assertNull(manifest.changelog());
        assertFalse(manifest.toJson().contains("changelog"));
    }
}
