package io.github.dbmig.backup;

import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of a backup, written as JSON beside it: which database, what versions, which schemas and schema
 * version, its format, size, how long it took, its SHA-256, and whether it was verified.
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
 */
public record BackupManifest(String databaseId, String databaseName, String owner, String serverVersion, int pgDumpVersion,
                             String schemaVersion, List<String> schemas, BackupFormat format, String file, long sizeBytes,
                             long durationMillis, String sha256, Instant createdAt, boolean verified) {

    public static final String SUFFIX = ".json";

    public void write(Path manifest) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", databaseId);
        json.put("databaseName", databaseName);
        json.put("owner", owner);
        json.put("serverVersion", serverVersion);
        json.put("pgDumpVersion", pgDumpVersion);
        json.put("schemaVersion", schemaVersion);
        json.put("schemas", schemas);
        json.put("format", format.name().toLowerCase());
        json.put("file", file);
        json.put("sizeBytes", sizeBytes);
        json.put("durationMillis", durationMillis);
        json.put("sha256", sha256);
        json.put("createdAt", createdAt.toString());
        json.put("verified", verified);
        Files.writeString(manifest, Json.write(json));
    }

    public static BackupManifest read(Path manifest) {
        try {
            Map<String, Object> json = Json.read(Files.readString(manifest));
            @SuppressWarnings("unchecked")
            List<String> schemas = (List<String>) json.getOrDefault("schemas", List.of());
            return new BackupManifest((String) json.get("database"), (String) json.get("databaseName"), (String) json.get("owner"),
                    (String) json.get("serverVersion"), ((Number) json.get("pgDumpVersion")).intValue(),
                    (String) json.get("schemaVersion"), List.copyOf(schemas),
                    BackupFormat.parse((String) json.get("format"), manifest.toString()), (String) json.get("file"),
                    ((Number) json.get("sizeBytes")).longValue(), ((Number) json.get("durationMillis")).longValue(),
                    (String) json.get("sha256"), Instant.parse((String) json.get("createdAt")),
                    Boolean.TRUE.equals(json.get("verified")));
        } catch (IOException | RuntimeException e) {
            throw new SetupException("Cannot read the backup manifest " + manifest + ": " + e.getMessage());
        }
    }

    /** The backup itself, beside its manifest. */
    public Path backupPath(Path manifest) {
        return manifest.resolveSibling(file);
    }
}
