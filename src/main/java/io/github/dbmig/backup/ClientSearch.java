package io.github.dbmig.backup;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where PostgreSQL's client programs (pg_dump, pg_restore, psql) may be, in the order they are looked for:
 * {@code <pgBinDir>}, each directory on the PATH, then where the platform's installers put them:
 *
 * <ul>
 *   <li>Windows: {@code %ProgramFiles%\PostgreSQL\*\bin} (and {@code %ProgramW6432%}; {@code C:\Program Files} when
 *       neither is set), the program named {@code <name>.exe};
 *   <li>macOS: Homebrew's {@code postgresql@*} and {@code libpq} under {@code /opt/homebrew/opt} and
 *       {@code /usr/local/opt}, {@code /opt/homebrew/bin}, {@code /usr/local/bin}, then Postgres.app's versions;
 *   <li>Linux and the rest: {@code /usr/lib/postgresql/*}{@code /bin} (Debian, Ubuntu),
 *       {@code /usr/pgsql-*}{@code /bin} (RHEL and the PGDG packages), {@code /usr/local/pgsql/bin} (built from
 *       source).
 * </ul>
 *
 * A {@code *} stands for every directory there, the lowest version first. The directories are listed once, when the
 * search is made; a candidate is a file that exists there (and, but on Windows, may be executed).
 */
public final class ClientSearch {

    private static final List<String> MACOS = List.of(
            "/opt/homebrew/opt/postgresql@*/bin",
            "/opt/homebrew/opt/libpq/bin",
            "/usr/local/opt/postgresql@*/bin",
            "/usr/local/opt/libpq/bin",
            "/opt/homebrew/bin",
            "/usr/local/bin",
            "/Applications/Postgres.app/Contents/Versions/*/bin");
    private static final List<String> LINUX =
            List.of("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin");
    private static final List<String> PROGRAM_FILES = List.of("ProgramFiles", "ProgramW6432");
    private static final String DEFAULT_PROGRAM_FILES = "C:\\Program Files";
    private static final Pattern SEPARATORS = Pattern.compile("[\\\\/]+");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    /** The separator before the first path element holding a {@code *}. */
    private static final Pattern FIRST_WILDCARD = Pattern.compile("[\\\\/][^\\\\/]*\\*");

    private final boolean windows;
    private final List<Path> directories;
    private final String places;

    private ClientSearch(boolean windows, List<Path> directories, String places) {
        this.windows = windows;
        this.directories = List.copyOf(new LinkedHashSet<>(directories));
        this.places = places;
    }

    /**
     * The search on this machine: its operating system, PATH and environment, on its own file system.
     *
     * @param pgBinDir where the user said the programs are, looked in first; or null
     */
    public static ClientSearch onThisMachine(Path pgBinDir) {
        return of(
                System.getProperty("os.name"),
                System.getenv("PATH"),
                File.pathSeparator,
                System.getenv(),
                pgBinDir,
                Path.of(File.separator));
    }

    /**
     * The search on a machine described in full, a test's fake tree as much as the real one.
     *
     * @param osName        the operating system, as {@code os.name} names it ("Windows 11", "Mac OS X", "Linux")
     * @param searchPath    the PATH; or null
     * @param pathSeparator what separates its entries there ({@code ;} on Windows, {@code :} elsewhere)
     * @param environment   the environment, for {@code ProgramFiles} and {@code ProgramW6432} on Windows
     * @param pgBinDir      looked in first, as it is; or null
     * @param root          where the PATH's entries and the standard places are: a file system's root ({@code /},
     *                      {@code C:\}) for the machine's own paths as they are written; any other directory stands
     *                      in for the root, a drive {@code C:} being its directory {@code C}
     */
    static ClientSearch of(
            String osName,
            String searchPath,
            String pathSeparator,
            Map<String, String> environment,
            Path pgBinDir,
            Path root) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        boolean windows = os.startsWith("windows");
        List<String> standard = standardPlaces(os, environment);
        List<Path> directories = new ArrayList<>();
        List<String> places = new ArrayList<>();
        if (pgBinDir != null) {
            directories.add(pgBinDir);
            places.add(pgBinDir.toString());
        }
        places.add("the PATH");
        if (searchPath != null) {
            for (String entry : searchPath.split(Pattern.quote(pathSeparator))) {
                String dir = windows ? entry.replace("\"", "") : entry;
                if (!dir.isBlank()) {
                    locate(root, dir).ifPresent(directories::add);
                }
            }
        }
        standard.forEach(place -> directories.addAll(expand(root, place)));
        places.addAll(standard);
        return new ClientSearch(windows, directories, String.join(", ", places));
    }

    /** Looks only in {@code directories}, in order, with this machine's rules for what may be run. */
    static ClientSearch only(List<Path> directories) {
        String os = String.valueOf(System.getProperty("os.name")).toLowerCase(Locale.ROOT);
        return new ClientSearch(
                os.startsWith("windows"),
                directories,
                directories.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    /**
     * The executables for {@code program} ({@code pg_dump}, ...), in the order to try them, each once.
     *
     * @param program the program's name, without {@code .exe}
     */
    public List<Path> candidates(String program) {
        String file = windows && !program.toLowerCase(Locale.ROOT).endsWith(".exe") ? program + ".exe" : program;
        return directories.stream()
                .map(dir -> dir.resolve(file))
                .filter(this::mayRun)
                .distinct()
                .toList();
    }

    /** The places looked in, for a message: {@code <pgBinDir>}, "the PATH", then the standard ones. */
    public String places() {
        return places;
    }

    private boolean mayRun(Path file) {
        return Files.isRegularFile(file) && (windows || Files.isExecutable(file));
    }

    private static List<String> standardPlaces(String os, Map<String, String> environment) {
        if (os.startsWith("windows")) {
            return programFiles(environment);
        }
        return os.startsWith("mac") || os.startsWith("darwin") ? MACOS : LINUX;
    }

    private static List<String> programFiles(Map<String, String> environment) {
        Set<String> roots = new LinkedHashSet<>();
        for (String variable : PROGRAM_FILES) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                roots.add(value.replaceAll("[\\\\/]+$", ""));
            }
        }
        if (roots.isEmpty()) {
            roots.add(DEFAULT_PROGRAM_FILES);
        }
        return roots.stream().map(dir -> dir + "\\PostgreSQL\\*\\bin").toList();
    }

    /** The directories {@code place} names, each {@code *} replaced by every directory there, lowest version first. */
    private static List<Path> expand(Path root, String place) {
        Matcher wildcard = FIRST_WILDCARD.matcher(place);
        String fixed = wildcard.find() ? place.substring(0, wildcard.start()) : place;
        List<Path> found = locate(root, fixed).stream().toList();
        for (String part : SEPARATORS.split(place.substring(fixed.length()))) {
            if (!part.isEmpty()) {
                found = found.stream()
                        .flatMap(dir -> part.contains("*") ? subdirectories(dir, part) : Stream.of(dir.resolve(part)))
                        .toList();
            }
        }
        return found;
    }

    /** The directories in {@code dir} whose name matches {@code glob}, lowest version first; none if it is absent. */
    private static Stream<Path> subdirectories(Path dir, String glob) {
        Pattern pattern = Pattern.compile(
                Stream.of(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
        try (Stream<Path> entries = Files.list(dir)) {
            return entries
                    .filter(Files::isDirectory)
                    .filter(entry -> pattern.matcher(name(entry)).matches())
                    .sorted(Comparator.comparingInt(ClientSearch::version).thenComparing(ClientSearch::name))
                    .toList()
                    .stream();
        } catch (IOException | UncheckedIOException e) {
            return Stream.empty(); // absent or unreadable: nothing there to run
        }
    }

    private static String name(Path entry) {
        return entry.getFileName().toString();
    }

    /** The first number in a directory's name ({@code 16}, {@code postgresql@16}, {@code 9.6}); names without last. */
    private static int version(Path dir) {
        Matcher digits = DIGITS.matcher(name(dir));
        return digits.find() ? Integer.parseInt(digits.group()) : Integer.MAX_VALUE;
    }

    /** {@code location}, as the platform writes it, on the file system {@code root} stands for; empty if invalid. */
    private static Optional<Path> locate(Path root, String location) {
        try {
            if (root.equals(root.getRoot())) {
                return Optional.of(Path.of(location));
            }
            Path path = root;
            for (String part : SEPARATORS.split(location.replaceFirst("^([A-Za-z]):", "$1"))) {
                if (!part.isEmpty()) {
                    path = path.resolve(part);
                }
            }
            return Optional.of(path);
        } catch (InvalidPathException e) {
            return Optional.empty(); // a PATH entry with a character no path here may hold: nothing to run there
        }
    }
}
