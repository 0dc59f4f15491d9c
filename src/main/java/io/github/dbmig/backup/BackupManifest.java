package io.github.dbmig.backup;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What is known of a backup, written as JSON beside it: which database, what versions, which schemas and schema
 * version, its format, size, how long it took, its SHA-256, whether it was verified, and the changelog (ids and
 * checksums) it holds, which a rehearsal compares with the database before it restores the backup.
 *
 * @param databaseId     the pom's id of the database
 * @param databaseName   the database's own name on the server
 * @param owner          the database's owner, which a restore gives the new database by default
 * @param serverVersion  PostgreSQL's version
 * @param pgDumpVersion  pg_dump's major version
 * @param schemaVersion  the newest applied script id, or null
 * @param schemas        the schemas dumped; empty for all
 * @param format         pg_dump format
 * @param file           the backup's file (or directory) name, beside the manifest
 * @param sizeBytes      its size
 * @param durationMillis how long the dump took
 * @param sha256         its checksum
 * @param createdAt      when it was taken
 * @param verified       whether it passed verification
 * @param changelog      the changelog when the backup was taken, oldest first: each applied script's id and checksum;
 *                       null for a manifest written before dbmig recorded it, for which it cannot be told
 */
public record BackupManifest(
        String databaseId,
        String databaseName,
        String owner,
        String serverVersion,
        int pgDumpVersion,
        String schemaVersion,
        List<String> schemas,
        BackupFormat format,
        String file,
        long sizeBytes,
        long durationMillis,
        String sha256,
        Instant createdAt,
        boolean verified,
        List<Applied> changelog) {

    /**
     * One changelog row as a backup recorded it.
     *
     * @param id       the script id
     * @param checksum the checksum recorded when it was applied or stamped, or null when there is none
     */
    public record Applied(String id, String checksum) {}

    public static final String SUFFIX = ".json";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    public void write(Path manifest) throws IOException {
        Files.writeString(manifest, toJson(), StandardCharsets.UTF_8);
    }

    /** The manifest's JSON text; its keys are a contract that other tools read. */
    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("database", databaseId);
        json.addProperty("databaseName", databaseName);
        json.addProperty("owner", owner);
        json.addProperty("serverVersion", serverVersion);
        json.addProperty("pgDumpVersion", pgDumpVersion);
        json.addProperty("schemaVersion", schemaVersion);
        JsonArray schemaList = new JsonArray();
        schemas.forEach(schemaList::add);
        json.add("schemas", schemaList);
        json.addProperty("format", format.name().toLowerCase(Locale.ROOT));
        json.addProperty("file", file);
        json.addProperty("sizeBytes", sizeBytes);
        json.addProperty("durationMillis", durationMillis);
        json.addProperty("sha256", sha256);
        json.addProperty("createdAt", createdAt.toString());
        json.addProperty("verified", verified);
        if (changelog != null) {
            JsonArray rows = new JsonArray();
            for (Applied applied : changelog) {
                JsonObject row = new JsonObject();
                row.addProperty("id", applied.id());
                row.addProperty("checksum", applied.checksum());
                rows.add(row);
            }
            json.add("changelog", rows);
        }
        return GSON.toJson(json) + "\n";
    }

    public static BackupManifest read(Path manifest) {
        try {
            return fromJson(Files.readString(manifest, StandardCharsets.UTF_8), manifest.toString());
        } catch (IOException e) {
            throw new SetupException("Cannot read the backup manifest " + manifest + ": " + e.getMessage());
        }
    }

    static BackupManifest fromJson(String text, String where) {
        try {
            JsonObject json = JsonParser.parseString(text).getAsJsonObject();
            List<String> schemas = new ArrayList<>();
            if (json.has("schemas") && json.get("schemas").isJsonArray()) {
                json.getAsJsonArray("schemas").forEach(e -> schemas.add(e.getAsString()));
            }
            return new BackupManifest(
                    string(json, "database"),
                    string(json, "databaseName"),
                    string(json, "owner"),
                    string(json, "serverVersion"),
                    json.get("pgDumpVersion").getAsInt(),
                    string(json, "schemaVersion"),
                    List.copyOf(schemas),
                    BackupFormat.parse(string(json, "format"), where),
                    string(json, "file"),
                    json.get("sizeBytes").getAsLong(),
                    json.get("durationMillis").getAsLong(),
                    string(json, "sha256"),
                    Instant.parse(string(json, "createdAt")),
                    json.has("verified") && json.get("verified").getAsBoolean(),
                    changelog(json));
        } catch (RuntimeException e) {
            throw new SetupException("Cannot read the backup manifest " + where + ": " + e.getMessage());
        }
    }

    /** The recorded changelog, or null when the manifest has none (written by a dbmig that did not record it). */
    private static List<Applied> changelog(JsonObject json) {
        if (!json.has("changelog") || json.get("changelog").isJsonNull()) {
            return null;
        }
        List<Applied> rows = new ArrayList<>();
        for (JsonElement row : json.getAsJsonArray("changelog")) {
            rows.add(new Applied(string(row.getAsJsonObject(), "id"), string(row.getAsJsonObject(), "checksum")));
        }
        return List.copyOf(rows);
    }

    private static String string(JsonObject json, String key) {
        JsonElement value = json.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    /** The backup itself, beside its manifest. */
    public Path backupPath(Path manifest) {
        return manifest.resolveSibling(file);
    }
}
