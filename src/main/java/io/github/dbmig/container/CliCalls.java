package io.github.dbmig.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the engine's client: one call, its output read whole, within a time limit after which the client is killed.
 * JDK classes only, so that a container is still removed from a JVM-exit action.
 */
final class CliCalls {

    private final String executable;
    private final Map<String, String> environment;
    private final String engine;

    CliCalls(String executable, Map<String, String> environment, String engine) {
        this.executable = executable;
        this.environment = Map.copyOf(environment);
        this.engine = engine;
    }

    String executable() {
        return executable;
    }

    String engine() {
        return engine;
    }

    /** What one call printed, and how it ended. */
    record Output(int exit, String stdout, String stderr) {

        boolean ok() {
            return exit == 0;
        }

        boolean says(String words) {
            return stderr.toLowerCase(Locale.ROOT).contains(words);
        }

        /** Whether every line of stderr says this (a call about many containers, some of them gone). */
        boolean allErrorsSay(String words) {
            List<String> lines =
                    stderr.strip().lines().filter(l -> !l.isBlank()).toList();
            return !lines.isEmpty()
                    && lines.stream().allMatch(l -> l.toLowerCase(Locale.ROOT).contains(words));
        }

        /** The client's last words, for a message (not its hint to read {@code --help}). */
        String why() {
            List<String> lines = stderr.strip()
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("Run '") && !l.startsWith("See '"))
                    .toList();
            return lines.isEmpty()
                    ? "exit code " + exit
                    : lines.get(lines.size() - 1).strip();
        }
    }

    /** The call's standard output; fails naming the engine unless the client ended well. */
    String ok(Duration timeout, Map<String, String> values, String... args) throws EngineException {
        Output output = call(timeout, values, args);
        if (!output.ok()) {
            throw failure(what(args), output);
        }
        return output.stdout();
    }

    EngineException failure(String what, Output output) {
        return new EngineException(engine + ": `" + name() + " " + what + "` failed: " + output.why());
    }

    /**
     * Runs the client with {@code args}; {@code values} are added to its environment (never to its arguments).
     */
    Output call(Duration timeout, Map<String, String> values, String... args) throws EngineException {
        List<String> argv = new ArrayList<>(List.of(executable));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment);
        env.putAll(values);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EngineException(engine + " cannot be asked: " + executable + " does not run (" + e.getMessage()
                    + "). Install the Docker command-line client, or name yours with <dockerExecutable> (for example"
                    + " podman).");
        }
        closeQuietly(process);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = pump(process.getInputStream(), out);
        Thread errReader = pump(process.getErrorStream(), err);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new EngineException(engine + " did not answer `" + name() + " " + what(args) + "` within "
                        + timeout.toSeconds() + " s; the call was ended. Check that the engine runs (`" + name()
                        + " info`).");
            }
            outReader.join(timeout.toMillis());
            errReader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new EngineException(engine + ": `" + name() + " " + what(args) + "` was interrupted.");
        }
        return new Output(
                process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command a call runs, for messages: {@code version}, {@code container inspect}, {@code image inspect}. */
    private static String what(String... args) {
        boolean group =
                args.length > 1 && List.of("container", "image", "context").contains(args[0]);
        return group ? args[0] + " " + args[1] : args[0];
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close(); // the client reads nothing
        } catch (IOException ignored) {
            // it ended already
        }
    }

    private String name() {
        String name = executable.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream to) {
        Thread thread = new Thread(
                () -> {
                    try (in) {
                        in.transferTo(to);
                    } catch (IOException ignored) {
                        // the client ended; what it wrote so far is kept
                    }
                },
                "dbmig-engine-client");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
