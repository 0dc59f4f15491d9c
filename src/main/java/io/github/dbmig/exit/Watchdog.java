package io.github.dbmig.exit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * "End the program if the build's JVM dies first", where no POSIX shell can watch it (Windows): a small JVM of its
 * own, started beside the program, that checks every second that both are alive. When the build's JVM is gone first
 * (killed outright, so that no shutdown hook ran), it ends the program and the processes the program started: it asks
 * them to end, and forces those still alive a few seconds later. When the program ends, the watchdog ends too. This
 * class is JDK code only: the watchdog JVM has its jar (or directory) as its only class path.
 *
 * <pre>{@code
 * Process program = builder.start();
 * Process watchdog = Watchdog.watch(program.toHandle());
 * ... // wait for the program
 * watchdog.destroy(); // or let it end by itself, within a second of the program
 * }</pre>
 */
public final class Watchdog {

    private static final long POLL_MILLIS = 1000;
    private static final long GRACE_MILLIS = 5000;
    /** Options meant for the build's JVM (an agent, a debugger) that must not reach the watchdog's. */
    private static final List<String> JAVA_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private Watchdog() {}

    /**
     * Starts a watchdog JVM that ends {@code program} if this JVM dies before it. The watchdog holds none of the
     * program's pipes: its output is discarded, its input closed.
     *
     * @param program a program this JVM started
     * @return the watchdog's process, which ends by itself within a second of the program
     * @throws IOException when the watchdog cannot start (no {@code java} in {@code java.home}, or this class's
     *                     location is unknown)
     */
    public static Process watch(ProcessHandle program) throws IOException {
        return start(ProcessHandle.current().pid(), program.pid());
    }

    /** Starts a watchdog of {@code programPid} for the JVM {@code jvmPid}, as {@link #watch} does for this one. */
    static Process start(long jvmPid, long programPid) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmPid, programPid))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeAll(JAVA_OPTION_VARIABLES);
        Process watchdog = builder.start();
        watchdog.getOutputStream().close(); // it reads nothing
        return watchdog;
    }

    /** The watchdog's command line: this JVM's {@code java}, a small heap, this class's location as class path. */
    static List<String> command(long jvmPid, long programPid) throws IOException {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        return List.of(
                java.toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-cp",
                classPath().toString(),
                Watchdog.class.getName(),
                Long.toString(jvmPid),
                Long.toString(programPid));
    }

    /**
     * Watches a program for a JVM, until either ends; if the JVM ended first, ends the program.
     *
     * @param args the JVM's pid, then the program's
     */
    public static void main(String[] args) throws InterruptedException {
        Optional<ProcessHandle> jvm = ProcessHandle.of(Long.parseLong(args[0]));
        Optional<ProcessHandle> program = ProcessHandle.of(Long.parseLong(args[1]));
        if (program.isEmpty()) {
            return; // it ended before the watch began
        }
        while (program.get().isAlive() && jvm.map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(POLL_MILLIS);
        }
        if (program.get().isAlive()) {
            end(program.get());
        }
    }

    /** Asks {@code program} and its descendants to end, then forces those still alive a few seconds later. */
    static void end(ProcessHandle program) throws InterruptedException {
        List<ProcessHandle> tree =
                Stream.concat(Stream.of(program), program.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Where this class was loaded from: the plugin's jar, or a directory of classes. */
    private static Path classPath() throws IOException {
        CodeSource source = Watchdog.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("The watchdog's class path is unknown: " + Watchdog.class.getName()
                    + " was loaded from no jar or directory.");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new IOException(
                    "The watchdog's class path " + source.getLocation() + " is no file: " + e.getMessage(), e);
        }
    }
}
