package io.github.dbmig.fleet;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * How the reports of a fleet's shards become one ({@code dbmig:fleet-report}), and when that one fails. Reports of
 * different goals are refused. A database that two reports cover is listed, and its worst outcome kept. Reports whose
 * runs saw different databases (one added or removed between the jobs) are named with the ids that not every run saw.
 * Rows of databases outside the selection are left out and counted; a selected database no report covers is missing.
 */
public final class FleetReports {

    private FleetReports() {}

    /** A report and the file it was read from. */
    public record Source(Path file, FleetReport report) {}

    /**
     * The merged report and what is wrong with the set of reports.
     *
     * @param report      one row per selected database
     * @param duplicates  each database covered by more than one report, with each report's outcome, one line each
     * @param notSeen     each database that not every report's run saw, with the runs that did and did not, one line
     *                    each
     * @param leftOut     the rows left out because their database is not selected
     * @param leftOutIds  their databases, sorted
     * @param notes       what could not be checked, one sentence each
     */
    public record Merged(
            FleetReport report,
            List<String> duplicates,
            List<String> notSeen,
            int leftOut,
            List<String> leftOutIds,
            List<String> notes) {

        /** Whether the merge fails the build: a database not ok, covered twice, or not seen by every run. */
        public boolean failed() {
            return report.failed() || !duplicates.isEmpty() || !notSeen.isEmpty();
        }

        /** The table and summary, then a line on rows left out, if any. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>(report.lines());
            if (leftOut > 0) {
                lines.add(leftOutLine());
            }
            return lines;
        }

        private String leftOutLine() {
            return "Left out: " + leftOut + " row(s) of " + leftOutIds.size()
                    + " database(s) that -Ddb does not select (" + String.join(", ", leftOutIds) + ").";
        }

        /**
         * The message the build fails with: the summary, each database not ok, then duplicates and ids not seen by all.
         */
        public String failure() {
            StringBuilder text = new StringBuilder(report.summary());
            report.notOk().forEach(line -> text.append("\n  ").append(line));
            if (!duplicates.isEmpty()) {
                text.append("\nCovered by more than one report (the worst outcome is kept):");
                duplicates.forEach(line -> text.append("\n  ").append(line));
            }
            if (!notSeen.isEmpty()) {
                text.append(
                        "\nThe reports' runs saw different databases (one added or removed between the jobs?), so the"
                                + " shards may not cover each database exactly once; not seen by every run:");
                notSeen.forEach(line -> text.append("\n  ").append(line));
            }
            if (leftOut > 0) {
                text.append('\n').append(leftOutLine());
            }
            return text.toString();
        }
    }

    /**
     * Merges {@code sources} for the databases {@code selected}.
     *
     * @throws SetupException when the reports are of different goals, naming the files of each goal
     */
    public static Merged merge(List<Source> sources, List<String> selected) {
        Map<String, List<Path>> goals = new LinkedHashMap<>();
        sources.forEach(s ->
                goals.computeIfAbsent(s.report().goal(), g -> new ArrayList<>()).add(s.file()));
        if (goals.size() > 1) {
            List<String> each = goals.entrySet().stream()
                    .map(e -> "dbmig:" + e.getKey() + " in "
                            + String.join(
                                    ", ",
                                    e.getValue().stream().map(Path::toString).toList()))
                    .toList();
            throw new SetupException(
                    "The fleet reports are of different goals, which do not merge: " + String.join("; ", each)
                            + ". Give -Ddbmig.reports a directory holding the reports of one goal only.");
        }
        Set<String> wanted = new LinkedHashSet<>(selected);
        Map<String, List<Found>> found = new TreeMap<>();
        Set<String> leftOutIds = new TreeSet<>();
        int leftOut = 0;
        for (Source source : sources) {
            for (FleetReport.Row row : source.report().rows()) {
                if (wanted.contains(row.id())) {
                    found.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(new Found(row, source.file()));
                } else {
                    leftOut++;
                    leftOutIds.add(row.id());
                }
            }
        }
        List<String> duplicates = new ArrayList<>();
        Map<String, FleetReport.Row> rows = new TreeMap<>();
        for (Map.Entry<String, List<Found>> e : found.entrySet()) {
            FleetReport.Row worst = e.getValue().stream()
                    .map(Found::row)
                    .reduce((a, b) -> rank(b) > rank(a) ? b : a)
                    .orElseThrow();
            rows.put(e.getKey(), worst);
            if (e.getValue().size() > 1) {
                duplicates.add(e.getKey() + ": "
                        + String.join(
                                ", ",
                                e.getValue().stream()
                                        .map(f -> f.row().outcome() + " in " + f.file())
                                        .toList())
                        + "; kept: " + worst.outcome());
            }
        }
        for (String id : new TreeSet<>(wanted)) {
            rows.putIfAbsent(
                    id,
                    new FleetReport.Row(
                            id, null, null, 0, 0, null, FleetReport.MISSING, "no shard's report covers it"));
        }
        List<String> notes = new ArrayList<>();
        List<Source> recorded = new ArrayList<>();
        for (Source source : sources) {
            if (source.report().seen() == null) {
                notes.add(
                        source.file() + " does not record which databases its run saw (written by an older dbmig?), so"
                                + " its shard cannot be compared with the others.");
            } else {
                recorded.add(source);
            }
        }
        String goal =
                sources.isEmpty() ? "fleet-report" : sources.get(0).report().goal();
        return new Merged(
                new FleetReport(goal, null, FleetReport.Seen.of(selected), List.copyOf(rows.values())),
                duplicates,
                notSeen(recorded),
                leftOut,
                List.copyOf(leftOutIds),
                notes);
    }

    private record Found(FleetReport.Row row, Path file) {}

    /** Each id that some, but not all, of the runs saw: which saw it and which did not. */
    private static List<String> notSeen(List<Source> recorded) {
        Set<String> all = new TreeSet<>();
        recorded.forEach(s -> all.addAll(s.report().seen().ids()));
        List<String> lines = new ArrayList<>();
        for (String id : all) {
            List<String> saw = new ArrayList<>();
            List<String> missed = new ArrayList<>();
            for (Source s : recorded) {
                (s.report().seen().ids().contains(id) ? saw : missed).add(run(s));
            }
            if (!missed.isEmpty()) {
                lines.add(id + ": seen by " + String.join(", ", saw) + "; not by " + String.join(", ", missed));
            }
        }
        return lines;
    }

    private static String run(Source s) {
        return (s.report().shard() == null
                        ? "the unsharded run"
                        : "shard " + s.report().shard()) + " (" + s.file() + ")";
    }

    /**
     * Higher is worse: ok, then missing, not started, interrupted, failed; an outcome dbmig does not know counts as
     * failed.
     */
    private static int rank(FleetReport.Row row) {
        if (row.outcome().equals(FleetReport.OK)) {
            return 0;
        }
        int index = FleetReport.NOT_OK.indexOf(row.outcome());
        return index < 0 ? FleetReport.NOT_OK.size() : FleetReport.NOT_OK.size() - index;
    }

    /**
     * Merges every fleet report (the {@code fleet-<goal>.json} a sharded run writes, under any name) in {@code reports}
     * or below it, for the databases {@code selected}, into {@code fleet-report.json} and {@code .md} in
     * {@code output}; logs the table and fails as the merge says.
     */
    public static void mergeInto(Path reports, List<String> selected, Path output, Log log) {
        if (reports == null || !Files.isDirectory(reports)) {
            throw new SetupException(
                    "dbmig:fleet-report needs -Ddbmig.reports=<directory> holding the shards' fleet-<goal>.json"
                            + " reports" + (reports == null ? "." : "; " + reports + " is not a directory."));
        }
        List<Source> found;
        try (Stream<Path> files = Files.walk(reports)) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".json")
                            && !p.getFileName().toString().equals("fleet-report.json")
                            && Files.isRegularFile(p))
                    .sorted()
                    .flatMap(p -> FleetReport.readIfReport(p).map(r -> new Source(p, r)).stream())
                    .toList();
        } catch (IOException e) {
            throw new SetupException("Cannot read " + reports + ": " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new SetupException("No fleet report (the fleet-<goal>.json a sharded run writes, under any name) in "
                    + reports + " or below it.");
        }
        Merged merged = merge(found, selected);
        merged.notes().forEach(log::warn);
        merged.lines().forEach(log::info);
        Path written = merged.report().write(output, "fleet-report");
        log.info("Merged " + found.size() + " report(s) from " + reports + " into " + written + " and .md beside it.");
        if (merged.failed()) {
            throw new MigrationFailedException(merged.failure());
        }
    }
}
