package io.github.dbmig.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dbmig.testdb.docker.Containers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One check line of a verify.txt.
 *
 * @param line     its line number
 * @param text     the line itself
 * @param form     log, no log, outcome, sql, file or no file
 * @param build    the build it is about, from 1; 0 for sql and file checks
 * @param subject  the log text, outcome, query or path
 * @param expected the rows of sql, the text of {@code file: … contains …}; empty otherwise
 */
record Check(int line, String text, String form, int build, Text subject, List<Text> expected) {

    private static final String STACK_TRACE_LINE = "\tat io.github.dbmig";

    /** What is wrong after the case ran, or null when the line holds. */
    String problem(ItCase it, Map<String, String> values) throws Exception {
        String log = build() > 0 ? it.log(build()) : null;
        switch (form()) {
            case "log":
                return subject().pattern(values).matcher(log).find() ? null : "build " + build() + " did not log this";
            case "no log":
                Matcher found = subject().pattern(values).matcher(log);
                return found.find() ? "build " + build() + " logged it: " + lineAround(log, found.start()) : null;
            case "outcome":
                return outcome(subject().toString(), log);
            case "containers":
                List<String> left = containers(it.project());
                return left.size() == Integer.parseInt(subject().toString())
                        ? null
                        : left.size() + " container(s) of the project are there: " + left;
            case "sql":
                List<String> rows = it.database().queryStrings(subject().fill(values)).stream()
                        .map(v -> v == null ? "(null)" : v)
                        .toList();
                boolean same = rows.size() == expected().size();
                for (int i = 0; same && i < rows.size(); i++) {
                    same = expected()
                            .get(i)
                            .pattern(values)
                            .matcher(rows.get(i))
                            .matches();
                }
                return same ? null : "the query returned " + (rows.isEmpty() ? "(none)" : String.join(" | ", rows));
            default:
                return file(it.project(), values);
        }
    }

    /** dbmig's containers labelled with this project, running or not, as "id image state". */
    static List<String> containers(Path project) throws IOException {
        EngineApi engine = EngineApi.locate(System.getenv());
        String filter = "{\"label\":[\"" + Containers.LABEL_PROJECT + "="
                + project.toAbsolutePath().normalize() + "\"]}";
        EngineApi.Response listed = engine.get("/containers/json?all=true&filters=" + EngineApi.encode(filter));
        List<String> found = new ArrayList<>();
        for (JsonElement container : listed.json().getAsJsonArray()) {
            JsonObject c = container.getAsJsonObject();
            found.add(c.get("Id").getAsString().substring(0, 12) + " "
                    + c.get("Image").getAsString() + " " + c.get("State").getAsString());
        }
        return found;
    }

    private static String outcome(String expected, String log) {
        String failure = "MAVEN/MojoFailureException";
        String error = "MAVEN/MojoExecutionException";
        String actual = log.contains(failure) ? "failure" : log.contains(error) ? "error" : null;
        if (expected.equals("elsewhere")) {
            return !log.contains("Failed to execute goal ")
                    ? "the build did not fail in a goal"
                    : log.contains("Failed to execute goal io.github.dbmig:")
                            ? "the build failed in a dbmig goal"
                            : null;
        }
        if (actual == null) {
            return "the build has no help link " + failure + " nor " + error + ": it did not fail in a dbmig goal";
        }
        if (!actual.equals(expected)) {
            return actual.equals("failure")
                    ? "the build ended as a failure (help link " + failure + ")"
                    : "the build ended as an error (help link " + error + ")";
        }
        return log.contains(STACK_TRACE_LINE) ? "the build logged a stack trace of dbmig code" : null;
    }

    private String file(Path project, Map<String, String> values) throws IOException {
        List<Path> matches = matching(project, subject(), values);
        if (form().equals("no file")) {
            return matches.isEmpty() ? null : "it exists: " + matches;
        }
        if (matches.size() != 1) {
            return matches.isEmpty() ? "no such file in " + project : matches.size() + " files match: " + matches;
        }
        if (expected().isEmpty()) {
            return null;
        }
        if (!Files.isRegularFile(matches.get(0))) {
            return matches.get(0) + " is not a file";
        }
        String content = Files.readString(matches.get(0));
        return expected().get(0).pattern(values).matcher(content).find()
                ? null
                : "it does not contain that text; it holds:\n" + content;
    }

    /** The files and folders of the copied project whose path, relative to it and with '/', is {@code path}. */
    private static List<Path> matching(Path project, Text path, Map<String, String> values) throws IOException {
        if (!path.hasPattern()) {
            Path file = project.resolve(path.fill(values));
            return Files.exists(file) ? List.of(file) : List.of();
        }
        Pattern pattern = path.pattern(values);
        try (Stream<Path> all = Files.walk(project)) {
            return all.filter(p -> pattern.matcher(
                                    project.relativize(p).toString().replace(File.separatorChar, '/'))
                            .matches())
                    .sorted()
                    .toList();
        }
    }

    private static String lineAround(String log, int at) {
        int start = log.lastIndexOf('\n', at) + 1;
        int end = log.indexOf('\n', at);
        return log.substring(start, end < 0 ? log.length() : end);
    }
}
