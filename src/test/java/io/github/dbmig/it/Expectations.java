package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A case's {@code verify.txt}: what the case shows (its first comment line), how it runs ({@code java:},
 * {@code backups:}, {@code before N:}) and what must hold after its builds ({@code log N:}, {@code no log N:},
 * {@code outcome N:}, {@code sql:}, {@code file:}, {@code no file:}). The forms are described in src/it/README.md.
 */
final class Expectations {

    /** Whether the case's builds back up before they change a database. */
    enum Backups {
        IF_THIS_MACHINE_CAN,
        REQUIRED,
        ON
    }

    private static final Pattern FORM = Pattern.compile(
            "(log|no log|outcome|before) (\\d+): (.*)|(sql|file|no file|java|backups|containers): (.*)");
    private static final String FORMS =
            "# …, log N:, no log N:, outcome N:, sql:, file:, no file:, before N:, backups:, java:, containers:";

    private final String file;
    private final String description;
    private String java;
    private Backups backups = Backups.IF_THIS_MACHINE_CAN;
    private final Map<Integer, List<Text>> before = new TreeMap<>();
    private final List<Check> checks = new ArrayList<>();

    private Expectations(String file, String description) {
        this.file = file;
        this.description = description;
    }

    /** Reads {@code verify.txt} of a case folder. */
    static Expectations read(Path folder) {
        String file = "src/it/" + folder.getFileName() + "/verify.txt";
        try {
            return parse(file, Files.readAllLines(folder.resolve("verify.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: every case folder needs one", e);
        }
    }

    /** Parses the lines of {@code file}; a malformed line is an {@link IllegalArgumentException} naming it. */
    static Expectations parse(String file, List<String> lines) {
        Expectations expectations = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (expectations == null) {
                String description = line.startsWith("#") ? line.substring(1).strip() : "";
                if (description.isEmpty()) {
                    throw malformed(file, i + 1, "the first line must be a # comment saying what the case shows", line);
                }
                expectations = new Expectations(file, description);
            } else if (!line.startsWith("#")) {
                try {
                    expectations.add(i + 1, line);
                } catch (IllegalArgumentException e) {
                    throw malformed(file, i + 1, e.getMessage(), line);
                }
            }
        }
        if (expectations == null) {
            throw malformed(file, 1, "empty; the first line must be a # comment saying what the case shows", "");
        }
        return expectations;
    }

    private void add(int line, String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a known form (" + FORMS + ")");
        }
        String form = m.group(1) != null ? m.group(1) : m.group(4);
        String rest = (m.group(1) != null ? m.group(3) : m.group(5)).strip();
        int build = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (m.group(2) != null && build < 1) {
            throw new IllegalArgumentException("builds are numbered from 1, as in invoker.properties");
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("nothing after \"" + form + ":\"");
        }
        switch (form) {
            case "java" -> {
                once(java == null, form);
                java = rest;
            }
            case "backups" -> {
                once(backups == Backups.IF_THIS_MACHINE_CAN, form);
                backups = switch (rest) {
                    case "required" -> Backups.REQUIRED;
                    case "on" -> Backups.ON;
                    default -> throw new IllegalArgumentException("backups: is \"required\" or \"on\"");
                };
            }
            case "before" ->
                before.computeIfAbsent(build, b -> new ArrayList<>()).add(noPattern(rest));
            case "outcome" -> {
                if (!rest.equals("failure") && !rest.equals("error") && !rest.equals("elsewhere")) {
                    throw new IllegalArgumentException("outcome is \"failure\", \"error\" or \"elsewhere\"");
                }
                checks.add(new Check(line, text, form, build, Text.parse(rest), List.of()));
            }
            case "sql" -> {
                int arrow = rest.lastIndexOf(" => ");
                if (arrow < 0) {
                    throw new IllegalArgumentException("sql: needs \" => \" and the rows, or (none)");
                }
                String rows = rest.substring(arrow + 4).strip();
                List<Text> expected = rows.equals("(none)")
                        ? List.of()
                        : Arrays.stream(rows.split(" \\| ", -1))
                                .map(String::strip)
                                .map(Text::parse)
                                .toList();
                checks.add(new Check(line, text, form, 0, noPattern(rest.substring(0, arrow)), expected));
            }
            case "file" -> {
                int contains = rest.indexOf(" contains ");
                checks.add(
                        contains < 0
                                ? new Check(line, text, form, 0, Text.parse(rest), List.of())
                                : new Check(
                                        line,
                                        text,
                                        form,
                                        0,
                                        Text.parse(rest.substring(0, contains).strip()),
                                        List.of(Text.parse(
                                                rest.substring(contains + 10).strip()))));
            }
            case "containers" -> {
                if (!rest.matches("\\d+")) {
                    throw new IllegalArgumentException(
                            "containers: is a number: how many containers dbmig left for the project");
                }
                checks.add(new Check(line, text, form, 0, Text.parse(rest), List.of()));
            }
            default -> checks.add(new Check(line, text, form, build, Text.parse(rest), List.of()));
        }
    }

    private static void once(boolean first, String form) {
        if (!first) {
            throw new IllegalArgumentException(form + ": may appear only once");
        }
    }

    private static Text noPattern(String text) {
        Text parsed = Text.parse(text.strip());
        if (parsed.hasPattern()) {
            throw new IllegalArgumentException("SQL to run takes values such as ${database}, not patterns");
        }
        return parsed;
    }

    private static IllegalArgumentException malformed(String file, int line, String why, String text) {
        return new IllegalArgumentException(file + " line " + line + ": " + why + "\n    " + text);
    }

    String description() {
        return description;
    }

    /** Why Java drives this case (PluginIT has a method named after the folder), or null. */
    String java() {
        return java;
    }

    Backups backups() {
        return backups;
    }

    /** Applies what verify.txt says about running the case: skipped without pg_dump, backups on, SQL before builds. */
    void prepare(BuildOptions options) {
        if (backups == Backups.REQUIRED) {
            assumeTrue(
                    TestPostgres.clientProgramsRun(),
                    "this machine has no pg_dump for PostgreSQL " + TestPostgres.serverMajor() + ", locally or in "
                            + TestPostgres.clientImage() + ":" + TestPostgres.serverMajor());
        }
        if (backups != Backups.IF_THIS_MACHINE_CAN) {
            options.backups();
        }
        before.forEach((build, statements) -> statements.forEach(sql ->
                options.before(build, (project, database) -> database.execute(sql.fill(values(project, database))))));
    }

    /**
     * Fails unless exactly the builds that invoker.properties expects to fail have an outcome line, and every
     * {@code before N:} names one of its builds.
     */
    void requireConsistentWith(List<Boolean> mustFail) {
        before.keySet().stream().filter(n -> n > mustFail.size()).findFirst().ifPresent(n -> {
            throw new AssertionError(
                    file + ": before " + n + ": but invoker.properties lists " + mustFail.size() + " build(s)");
        });
        for (int n = 1; n <= mustFail.size(); n++) {
            int build = n;
            boolean outcome = checks.stream().anyMatch(c -> c.form().equals("outcome") && c.build() == build);
            if (outcome != mustFail.get(n - 1)) {
                throw new AssertionError(file + ": invoker.properties expects build " + n + " to "
                        + (outcome ? "succeed, but it has an outcome line" : "fail: add an outcome line saying how"));
            }
        }
    }

    /** For a case whose Java runs the builds itself: its verify.txt's {@code before N:} SQL would never run. */
    void requireNoBefore() {
        if (!before.isEmpty()) {
            throw new AssertionError(file + ": before N: runs only before builds that MavenBuilds.run runs");
        }
    }

    /** Checks everything after the case's builds, and reports every line that does not hold. */
    void check(ItCase it) throws Exception {
        Map<String, String> values = values(it.project(), it.database());
        List<String> problems = new ArrayList<>();
        TreeSet<Integer> logs = new TreeSet<>();
        for (Check check : checks) {
            String problem = check.build() > it.logs().size()
                    ? "there is no build " + check.build() + ": the case ran "
                            + it.logs().size()
                    : check.problem(it, values);
            if (problem != null) {
                problems.add(file + " line " + check.line() + ": " + check.text() + "\n    " + problem);
                if (check.build() > 0 && check.build() <= it.logs().size()) {
                    logs.add(check.build());
                }
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder(String.join("\n", problems));
            logs.forEach(n -> message.append("\n--- log of build ")
                    .append(n)
                    .append(" ---\n")
                    .append(it.log(n)));
            throw new AssertionError(message.toString());
        }
    }

    private static Map<String, String> values(Path project, TestDatabase database) {
        return Map.of(
                "project",
                project.toAbsolutePath().normalize().toString(),
                "database",
                database.name(),
                "username",
                database.username(),
                "image",
                TestPostgres.image(),
                "version",
                MavenBuilds.pluginVersion());
    }
}
