package io.github.dbmig.rehearse;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.goal.Outcome;
import io.github.dbmig.script.ScriptId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rehearsal found, for the log, {@code rehearsal-<db>.md} and {@code rehearsal-<db>.json}: each script's time up
 * and down, the locks it took with the rows of each table before and after, the scripts whose undo does not bring the
 * schema back, the differences a second upgrade made, and the problems verify found.
 */
public final class RehearsalReport {

    /** One script's part in the rehearsal. */
    public static final class Script {
        String id;
        String file;
        Long upMillis;
        Long downMillis;
        final List<Lock> locks = new ArrayList<>();
        final List<String> undoDifferences = new ArrayList<>();
    }

    /** The strongest lock a script took on a table, and the table's rows before and after the script. */
    public record Lock(String table, String mode, Long rowsBefore, Long rowsAfter, boolean flagged) {}

    final String database;
    String backup;
    String scratch;
    String from;
    String to;
    boolean kept;
    String note;
    final List<Script> scripts = new ArrayList<>();
    final List<String> verifyProblems = new ArrayList<>();
    final List<String> secondUpgradeDifferences = new ArrayList<>();
    String failure;
    long totalMillis;

    public RehearsalReport(String database) {
        this.database = database;
    }

    /** Where the copy came from and what it is called. */
    public void source(String backupFile, String scratchName, String fromId, String toId) {
        backup = backupFile;
        scratch = scratchName;
        from = fromId;
        to = toId;
    }

    public void kept(boolean keptScratch) {
        kept = keptScratch;
    }

    public void note(String text) {
        note = text;
    }

    public void failure(String text) {
        failure = text;
    }

    public void took(long millis) {
        totalMillis = millis;
    }

    public void verifyProblems(List<String> problems) {
        verifyProblems.addAll(problems);
    }

    public void secondUpgradeDifferences(List<String> differences) {
        secondUpgradeDifferences.addAll(differences);
    }

    /** The scripts as the probes saw them, in the order they ran. */
    public void scripts(Collection<Script> seen) {
        scripts.addAll(seen);
    }

    /** What the rehearsal did: from and to where, the scripts it rehearsed, the backup it rehearsed on. */
    public Outcome outcome() {
        return new Outcome(
                Optional.ofNullable(ScriptId.parseOrNull(from)),
                Optional.ofNullable(ScriptId.parseOrNull(to)),
                scripts.stream()
                        .map(s -> ScriptId.parseOrNull(s.id))
                        .filter(Objects::nonNull)
                        .toList(),
                backup,
                null);
    }

    /** Why the rehearsal failed, one line each; empty when it passed. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (failure != null) {
            problems.add(failure);
        }
        for (Script s : scripts) {
            if (!s.undoDifferences.isEmpty()) {
                problems.add("the undo of " + s.file + " does not bring the schema back: "
                        + String.join("; ", s.undoDifferences));
            }
        }
        if (!secondUpgradeDifferences.isEmpty()) {
            problems.add("upgrading again gives another schema: " + String.join("; ", secondUpgradeDifferences));
        }
        verifyProblems.forEach(p -> problems.add("verify: " + p));
        return problems;
    }

    /** The report as Markdown lines. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        // no copy made: nothing was rehearsed, which is not a pass
        boolean rehearsed = scratch != null;
        lines.add("# Rehearsal of " + database + ": "
                + (!problems().isEmpty() ? "FAILED" : rehearsed ? "passed" : "nothing to rehearse"));
        lines.add("");
        lines.add(
                rehearsed
                        ? "Backup " + backup + ", restored as " + scratch + (kept ? " (kept)" : " (dropped)")
                                + "; from "
                                + (from == null ? "no script" : from) + " to " + (to == null ? "no script" : to) + "; "
                                + totalMillis
                                + " ms in all."
                        : "No backup was taken and no copy made; " + totalMillis + " ms in all.");
        if (note != null) {
            lines.add(note);
        }
        lines.add("");
        lines.add("| script | up ms | down ms | table | lock | rows before | rows after |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Script s : scripts) {
            String head = "| " + s.file + " | " + dash(s.upMillis) + " | " + dash(s.downMillis) + " | ";
            if (s.locks.isEmpty()) {
                lines.add(head + "- | - | - | - |");
            }
            for (Lock lock : s.locks) {
                lines.add(head + lock.table() + " | " + lock.mode()
                        + (lock.flagged() ? " (blocks every query of a table" + " holding rows)" : "") + " | "
                        + dash(lock.rowsBefore()) + " | " + dash(lock.rowsAfter()) + " |");
                head = "| | | | ";
            }
        }
        List<String> problems = problems();
        lines.add("");
        lines.add(
                problems.isEmpty()
                        ? "Every undo brings the schema back, a second upgrade gives the same schema, verify"
                                + " finds nothing."
                        : "Problems:");
        problems.forEach(p -> lines.add("- " + p));
        return lines;
    }

    /** Writes {@code rehearsal-<file>.md} and {@code .json}; returns the Markdown file. */
    public Path write(Path directory, String file) {
        try {
            Files.createDirectories(directory);
            Path markdown = directory.resolve("rehearsal-" + file + ".md");
            Files.writeString(markdown, String.join("\n", lines()) + "\n", StandardCharsets.UTF_8);
            Gson gson = new GsonBuilder()
                    .setPrettyPrinting()
                    .serializeNulls()
                    .disableHtmlEscaping()
                    .create();
            Files.writeString(
                    directory.resolve("rehearsal-" + file + ".json"), gson.toJson(this) + "\n", StandardCharsets.UTF_8);
            return markdown;
        } catch (IOException e) {
            throw new SetupException("Cannot write the rehearsal report in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
