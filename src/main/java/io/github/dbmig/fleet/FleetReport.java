package io.github.dbmig.fleet;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.github.dbmig.errors.Messages.firstLine;

/**
 * The table at the end of a run over many databases: for each, where it was and is, how many scripts were applied or
 * undone, how long it took, the backup taken, and the outcome with the first line of its error. Printed, and written
 * as {@code fleet-<goal>.md} and {@code fleet-<goal>.json} (which has the whole error, and which databases the run
 * saw); shards' JSON reports merge into one ({@link FleetReports}).
 *
 * @param goal  the goal that ran
 * @param shard {@code K/N} when the run covered one shard of the databases, else null
 * @param seen  the databases the run saw before it took its shard; null in a report that did not record them
 * @param rows  one per database, by id
 */
public record FleetReport(
        String goal,
        String shard,
        Seen seen,
        @SerializedName("databases") List<Row> rows) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    /**
     * Started, then stopped before its next script: another database failed (fail-fast) or the build was interrupted.
     */
    public static final String INTERRUPTED = "interrupted";
    /** Never started: another database failed (fail-fast) or the build was interrupted first. */
    public static final String NOT_STARTED = "not started";

    public static final String MISSING = "missing";
    /** The outcomes other than ok, worst first: the order of the summary, and which of two rows a merge keeps. */
    static final List<String> NOT_OK = List.of(FAILED, INTERRUPTED, NOT_STARTED, MISSING);

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    /**
     * One database's line.
     *
     * @param id             its id
     * @param from           the newest applied script before the goal, or null (none, or not read)
     * @param to             after it (after a failure: where it stands), or null
     * @param scripts        scripts applied, undone or rehearsed
     * @param durationMillis how long its part took
     * @param backup         the backup taken (or rehearsed on), or null
     * @param outcome        ok, failed, interrupted, not started (fail-fast or interrupted) or missing (no shard
     *                       covered it)
     * @param error          its whole error, or null; the table shows the first line
     */
    public record Row(
            String id,
            String from,
            String to,
            int scripts,
            long durationMillis,
            String backup,
            String outcome,
            String error) {}

    /**
     * The databases a run saw, before it took its shard: how many, their ids sorted, and the SHA-256 (hex) of those
     * ids, each followed by a line feed, in UTF-8.
     */
    public record Seen(int count, String digest, List<String> ids) {

        public static Seen of(List<String> ids) {
            List<String> sorted = ids.stream().sorted().distinct().toList();
            Sha256 sha = new Sha256();
            sorted.forEach(id -> sha.update(id + "\n"));
            return new Seen(sorted.size(), sha.hex(), sorted);
        }
    }

    public boolean failed() {
        return rows.stream().anyMatch(r -> !r.outcome().equals(OK));
    }

    public long count(String outcome) {
        return rows.stream().filter(r -> r.outcome().equals(outcome)).count();
    }

    /** The table as Markdown lines, then a summary line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("| database | from | to | scripts | ms | backup | outcome |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            lines.add("| " + r.id() + " | " + dash(r.from()) + " | " + dash(r.to()) + " | " + r.scripts() + " | "
                    + r.durationMillis() + " | "
                    + dash(
                            r.backup() == null
                                    ? null
                                    : Path.of(r.backup()).getFileName().toString())
                    + " | " + r.outcome()
                    + (r.error() == null ? "" : ": " + firstLine(r.error()).replace("|", "\\|")) + " |");
        }
        lines.add(summary());
        return lines;
    }

    /** "dbmig:upgrade on 20 database(s): 19 ok, 1 failed." */
    public String summary() {
        StringBuilder text = new StringBuilder("dbmig:" + goal + (shard == null ? "" : " (shard " + shard + ")")
                + " on " + rows.size() + " database(s): " + count(OK) + " ok");
        Set<String> outcomes = new LinkedHashSet<>(NOT_OK);
        rows.forEach(r -> outcomes.add(r.outcome()));
        outcomes.remove(OK);
        for (String outcome : outcomes) {
            if (count(outcome) > 0) {
                text.append(", ").append(count(outcome)).append(' ').append(outcome);
            }
        }
        return text.append('.').toString();
    }

    /** Each database that is not ok, with its outcome and whole error, for a build's failure message. */
    public List<String> notOk() {
        return rows.stream()
                .filter(r -> !r.outcome().equals(OK))
                .map(r -> r.id() + ": " + r.outcome()
                        + (r.error() == null ? "" : " (" + r.error().strip().replace("\n", "\n    ") + ")"))
                .toList();
    }

    /** Writes {@code <name>.md} and {@code <name>.json} in {@code directory}; returns the JSON file. */
    public Path write(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    directory.resolve(name + ".md"),
                    "# " + summary() + "\n\n" + String.join("\n", lines().subList(0, rows.size() + 2)) + "\n",
                    StandardCharsets.UTF_8);
            Path json = directory.resolve(name + ".json");
            Files.writeString(json, toJson(), StandardCharsets.UTF_8);
            return json;
        } catch (IOException e) {
            throw new SetupException(
                    "Cannot write the report " + directory.resolve(name) + ".md/.json: " + e.getMessage(), e);
        }
    }

    /** The report as JSON: the record's components (rows as {@code databases}), {@code seen} only when recorded. */
    public String toJson() {
        JsonObject json = GSON.toJsonTree(this).getAsJsonObject();
        if (seen == null) {
            json.remove("seen");
        }
        return GSON.toJson(json) + "\n";
    }

    /**
     * The fleet report in {@code file}, or empty when the file is some other JSON (a backup manifest, a rehearsal
     * report) or no JSON at all: CI artifacts arrive under any name. A file named {@code fleet-*.json} must be one.
     */
    public static Optional<FleetReport> readIfReport(Path file) {
        boolean named = file.getFileName().toString().startsWith("fleet-");
        JsonElement json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            if (named) {
                throw unreadable(file, e);
            }
            return Optional.empty();
        }
        boolean report = json.isJsonObject()
                && json.getAsJsonObject().has("goal")
                && json.getAsJsonObject().get("databases") instanceof JsonArray;
        return report || named ? Optional.of(of(file, json)) : Optional.empty();
    }

    /** Reads a report written by {@link #write}. */
    public static FleetReport read(Path file) {
        try {
            return of(file, JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static FleetReport of(Path file, JsonElement parsed) {
        try {
            JsonObject json = parsed.getAsJsonObject();
            List<Row> rows = new ArrayList<>();
            for (JsonElement element : json.getAsJsonArray("databases")) {
                JsonObject r = element.getAsJsonObject();
                rows.add(new Row(
                        text(r, "id"),
                        text(r, "from"),
                        text(r, "to"),
                        r.get("scripts").getAsInt(),
                        r.get("durationMillis").getAsLong(),
                        text(r, "backup"),
                        text(r, "outcome"),
                        text(r, "error")));
            }
            Seen seen = null;
            if (json.get("seen") instanceof JsonObject s) {
                List<String> ids = new ArrayList<>();
                s.getAsJsonArray("ids").forEach(id -> ids.add(id.getAsString()));
                seen = new Seen(s.get("count").getAsInt(), text(s, "digest"), List.copyOf(ids));
            }
            return new FleetReport(text(json, "goal"), text(json, "shard"), seen, rows);
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static SetupException unreadable(Path file, Exception e) {
        return new SetupException("Cannot read the fleet report " + file + ": " + e.getMessage());
    }

    private static String text(JsonObject json, String key) {
        JsonElement value = json.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
