package io.github.dbmig.backup;

import io.github.dbmig.exit.OnJvmExit;
import io.github.dbmig.exit.Watchdog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs for real. The password reaches a program only through its own environment (readable by its owner
 * alone, never written to a file), stderr is kept (its last 64 KiB, which hold pg_dump's fatal line) for the message
 * when it fails, and the program dies with the build: a shutdown hook stops it when Maven stops, and a watchdog beside
 * it ends it when the build's JVM is killed outright (kill -9), so no pg_dump or pg_restore runs on against nothing.
 * The watchdog is a shell ({@code /bin/sh}) in which the program runs; where there is none (Windows), a small JVM of
 * its own ({@link Watchdog}).
 */
public final class SystemProcessRunner implements ProcessRunner {

    private static final int STDERR_LIMIT = 64 * 1024;
    private static final Path SHELL = Path.of("/bin/sh");
    /**
     * Runs "$@" in place of the shell; a background watchdog (its output detached, so it holds no pipe open) checks
     * every second that the JVM ($0) is alive, and sends SIGTERM to the program when it is not. pg_dump and pg_restore
     * end their parallel workers on SIGTERM.
     */
    private static final String WATCHDOG =
            "( while kill -0 \"$0\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done;"
                    + " kill -0 \"$0\" 2>/dev/null || kill -TERM $$ 2>/dev/null ) </dev/null >/dev/null 2>&1 & exec"
                    + " \"$@\"";

    @Override
    public Result run(Command command) throws IOException {
        return run(command, SHELL);
    }

    /**
     * Runs {@code command}, watched by the shell's watchdog where {@code shell} can be run, else by a JVM's
     * ({@link Watchdog}).
     */
    Result run(Command command, Path shell) throws IOException {
        boolean shellWatches = Files.isExecutable(shell);
        List<String> argv = shellWatches ? withWatchdog(shell, command.argv()) : command.argv();
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.putAll(command.environment());
        if (command.stdout() == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process = builder.start();
        Process watchdog = shellWatches ? null : watch(process, command);
        Runnable end = () -> {
            process.destroyForcibly();
            stopQuietly(command.onStop());
        };
        try (OnJvmExit.Registration stop = OnJvmExit.run("dbmig-stop-" + command.program(), end)) {
            if (command.stdin() == null) {
                process.getOutputStream().close(); // no input: the program reads its end at once
            }
            return await(process, command);
        } finally {
            if (watchdog != null) {
                watchdog.destroy();
            }
        }
    }

    /** Starts the JVM that ends {@code process} if this one is killed; the program is ended if it cannot start. */
    private static Process watch(Process process, Command command) throws IOException {
        try {
            return Watchdog.watch(process.toHandle());
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IOException("The watchdog of " + command.program() + " did not start: " + e.getMessage(), e);
        }
    }

    private static Result await(Process process, Command command) throws IOException {
        TailOutput errors = new TailOutput(STDERR_LIMIT);
        Thread errorReader = pump(process.getErrorStream(), errors, "stderr");
        Thread inputWriter = command.stdin() == null ? null : pump(command.stdin(), process.getOutputStream(), "stdin");
        Thread ticker = command.progress() == null ? null : command.progress().start(command.size());
        try {
            if (command.stdout() != null) {
                process.getInputStream().transferTo(command.stdout());
            }
            int exit = process.waitFor();
            errorReader.join();
            if (inputWriter != null) {
                inputWriter.join();
            }
            return new Result(exit, errors.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            stopQuietly(command.onStop());
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            process.destroyForcibly();
            stopQuietly(command.onStop());
            throw e;
        } finally {
            if (ticker != null) {
                ticker.interrupt();
            }
        }
    }

    /** Runs a command that ends what a stopped program left running (its container), waiting at most 30 s. */
    private static void stopQuietly(List<String> onStop) {
        if (onStop.isEmpty()) {
            return;
        }
        try {
            Process stop = new ProcessBuilder(onStop)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            stop.getOutputStream().close();
            if (!stop.waitFor(30, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        } catch (IOException e) {
            // nothing more can be done: the container ends with its program
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command behind the shell's watchdog, {@code shell} being a POSIX shell. */
    static List<String> withWatchdog(Path shell, List<String> argv) {
        List<String> wrapped = new ArrayList<>(List.of(
                shell.toString(),
                "-c",
                WATCHDOG,
                Long.toString(ProcessHandle.current().pid())));
        wrapped.addAll(argv);
        return wrapped;
    }

    private static Thread pump(InputStream in, OutputStream out, String name) {
        Thread thread = new Thread(
                () -> {
                    try (in;
                            out) {
                        in.transferTo(out);
                    } catch (IOException ignored) {
                        // the process ended or stopped reading; its exit code tells the rest
                    }
                },
                "dbmig-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
