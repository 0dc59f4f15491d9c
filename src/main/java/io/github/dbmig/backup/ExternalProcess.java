package io.github.dbmig.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs a PostgreSQL client program: environment from a {@link ClientEnvironment} (no secret on the command line),
 * stdout to a stream or discarded, stdin from a stream or empty, stderr kept (its last 64 KiB) for the message
 * when it fails, progress reported while it runs, and the process killed if this JVM stops first.
 */
final class ExternalProcess {

    private static final int STDERR_LIMIT = 64 * 1024;

    /** What the program said on stderr, and how it ended. */
    record Result(int exitCode, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }

        /** pg_dump's own words, for an error message. */
        String message() {
            String text = stderr.strip();
            return text.isEmpty() ? "exit code " + exitCode : text;
        }
    }

    private ExternalProcess() {
    }

    /**
     * @param stdout   receives the program's output, or null to discard it
     * @param stdin    fed to the program's input, or null for none
     * @param progress told every few seconds, with {@code size} as the amount done so far; null for none
     * @param size     what progress reports, e.g. bytes written; null for none
     */
    static Result run(List<String> command, ClientEnvironment env, OutputStream stdout, InputStream stdin,
                      Progress progress, LongSupplier size) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        env.applyTo(builder);
        if (stdout == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        Thread killer = new Thread(process::destroyForcibly, "dbmig-stop-" + command.get(0));
        Runtime.getRuntime().addShutdownHook(killer);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread errorReader = pump(process.getErrorStream(), new BoundedOutput(errors), "stderr");
        Thread inputWriter = stdin == null ? null : pump(stdin, process.getOutputStream(), "stdin");
        Thread ticker = progress == null ? null : progress.start(size);
        try {
            if (stdout != null) {
                process.getInputStream().transferTo(stdout);
            }
            int exit = process.waitFor();
            errorReader.join();
            if (inputWriter != null) {
                inputWriter.join();
            }
            return new Result(exit, errors.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            if (ticker != null) {
                ticker.interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException ignored) {
                // the JVM is already stopping, and the hook does its job
            }
        }
    }

    private static Thread pump(InputStream in, OutputStream out, String name) {
        Thread thread = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process ended or stopped reading; its exit code tells the rest
            }
        }, "dbmig-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Keeps the last bytes written, so a program that talks a lot cannot fill the memory. */
    private static final class BoundedOutput extends OutputStream {
        private final ByteArrayOutputStream target;

        BoundedOutput(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (target.size() < STDERR_LIMIT) {
                target.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            target.write(b, off, Math.max(0, Math.min(len, STDERR_LIMIT - target.size())));
        }
    }
}
