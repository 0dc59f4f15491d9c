package io.github.dbmig.backup;

import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A PostgreSQL client program (pg_dump, pg_restore, psql) whose major version is at least the server's, found in
 * {@code <pgBinDir>}, then on the PATH, then in {@code /usr/lib/postgresql/*}{@code /bin}.
 *
 * @param path  the executable
 * @param major its major version
 */
public record PgTool(Path path, int major) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    public static PgTool find(String name, int serverMajor, Path pgBinDir) {
        return choose(name, serverMajor, candidates(name, pgBinDir));
    }

    /** Of the executables given, the one of the lowest major version that is at least the server's. */
    static PgTool choose(String name, int serverMajor, Iterable<Path> candidates) {
        List<String> seen = new ArrayList<>();
        PgTool best = null;
        for (Path candidate : candidates) {
            Integer major = majorVersion(candidate);
            if (major == null) {
                continue;
            }
            seen.add(candidate + " (" + major + ")");
            if (major >= serverMajor && (best == null || major < best.major())) {
                best = new PgTool(candidate, major); // the closest version that is new enough
            }
        }
        if (best == null) {
            throw new SetupException("No " + name + " of PostgreSQL " + serverMajor + " or newer was found for a server of"
                    + " major version " + serverMajor + "; found " + (seen.isEmpty() ? "none" : String.join(", ", seen))
                    + ". Install the PostgreSQL " + serverMajor + " client programs, or point <pgBinDir> at them.");
        }
        return best;
    }

    private static Set<Path> candidates(String name, Path pgBinDir) {
        Set<Path> candidates = new LinkedHashSet<>();
        if (pgBinDir != null) {
            candidates.add(pgBinDir.resolve(name));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Paths.get(dir, name));
                }
            }
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted().forEach(v -> candidates.add(v.resolve("bin").resolve(name)));
            } catch (IOException ignored) {
                // nothing more to look at there
            }
        }
        candidates.removeIf(p -> !Files.isExecutable(p));
        return candidates;
    }

    /** Runs {@code <tool> --version}; null when it does not answer like a PostgreSQL program. */
    static Integer majorVersion(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            Matcher m = VERSION.matcher(output);
            return m.find() ? Integer.parseInt(m.group(1)) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
