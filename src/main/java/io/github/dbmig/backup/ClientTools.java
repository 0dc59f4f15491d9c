package io.github.dbmig.backup;

import io.github.dbmig.errors.SetupException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's client programs (pg_dump, pg_restore, psql), found in {@code <pgBinDir>}, then on the PATH, then in
 * {@code /usr/lib/postgresql/*}{@code /bin}: of those whose major version is at least the server's, the closest. Each
 * candidate's version is asked once per run.
 */
public final class ClientTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private final List<Path> directories;
    private final ProcessRunner runner;
    private final Map<Path, Integer> versions = new HashMap<>();

    private ClientTools(List<Path> directories, ProcessRunner runner) {
        this.directories = List.copyOf(directories);
        this.runner = runner;
    }

    /** Looks only in {@code directories}, in order. */
    static ClientTools in(List<Path> directories, ProcessRunner runner) {
        return new ClientTools(directories, runner);
    }

    /** Looks in {@code pgBinDir} (when set), then on the PATH, then in {@code /usr/lib/postgresql/*}{@code /bin}. */
    public ClientTools(Path pgBinDir, ProcessRunner runner) {
        this(standardDirectories(pgBinDir, System.getenv("PATH")), runner);
    }

    /** A client program able to work with a server of major version {@code serverMajor}. */
    public synchronized PgTool find(String name, int serverMajor) {
        List<String> seen = new ArrayList<>();
        PgTool best = null;
        for (Path candidate : candidates(name)) {
            Integer major = versions.computeIfAbsent(candidate, this::majorVersion);
            if (major == null || major < 0) {
                continue;
            }
            seen.add(candidate + " (" + major + ")");
            if (major >= serverMajor && (best == null || major < best.major())) {
                best = new PgTool(candidate, major);
            }
        }
        if (best == null) {
            throw new SetupException("No " + name + " of PostgreSQL " + serverMajor
                    + " or newer was found for a server of"
                    + " major version " + serverMajor + "; found " + (seen.isEmpty() ? "none" : String.join(", ", seen))
                    + ". Install the PostgreSQL " + serverMajor + " client programs, or point <pgBinDir> at them.");
        }
        return best;
    }

    private Set<Path> candidates(String name) {
        Set<Path> candidates = new LinkedHashSet<>();
        directories.forEach(dir -> candidates.add(dir.resolve(name)));
        candidates.removeIf(p -> !Files.isExecutable(p));
        return candidates;
    }

    private static List<Path> standardDirectories(Path pgBinDir, String searchPath) {
        List<Path> dirs = new ArrayList<>();
        if (pgBinDir != null) {
            dirs.add(pgBinDir);
        }
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Paths.get(dir));
                }
            }
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted().forEach(v -> dirs.add(v.resolve("bin")));
            } catch (IOException ignored) {
                // nothing more to look at there
            }
        }
        return dirs;
    }

    /** Runs {@code <tool> --version}; -1 when it does not answer like a PostgreSQL program. */
    private Integer majorVersion(Path executable) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ProcessRunner.Result result = runner.run(new ProcessRunner.Command(
                    List.of(executable.toString(), "--version"), Map.of(), out, null, null, null));
            Matcher m = VERSION.matcher(out.toString(StandardCharsets.UTF_8) + result.stderr());
            return result.ok() && m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
