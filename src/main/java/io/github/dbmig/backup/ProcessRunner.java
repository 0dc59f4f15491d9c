package io.github.dbmig.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs PostgreSQL's client programs (pg_dump, pg_restore, psql). The seam between dbmig and the operating system:
 * tests pass a runner that records what would run, and assert the exact command line and environment.
 */
public interface ProcessRunner {

    Result run(Command command) throws IOException;

    /**
     * One program run.
     *
     * @param argv        the program and its arguments; never a secret
     * @param environment the libpq variables it gets (the password included), on top of an environment cleared of
     *                    inherited {@code PG*} variables
     * @param stdout      receives its output, or null to discard it
     * @param stdin       fed to its input, or null for none
     * @param progress    told every few seconds how far it got; or null
     * @param size        what progress reports (bytes so far); or null
     * @param onStop      a command that ends what the program left running when it is stopped before its end (the
     *                    container a program runs in); empty for none
     */
    record Command(
            List<String> argv,
            Map<String, String> environment,
            OutputStream stdout,
            InputStream stdin,
            Progress progress,
            LongSupplier size,
            List<String> onStop) {

        public Command {
            onStop = List.copyOf(onStop);
        }

        public Command(
                List<String> argv,
                Map<String, String> environment,
                OutputStream stdout,
                InputStream stdin,
                Progress progress,
                LongSupplier size) {
            this(argv, environment, stdout, stdin, progress, size, List.of());
        }

        public Command(List<String> argv, Map<String, String> environment) {
            this(argv, environment, null, null, null, null);
        }

        /** The program's name, for messages. */
        public String program() {
            String path = argv.get(0);
            return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        }

        @Override
        public String toString() {
            return String.join(" ", argv); // the environment (and so the password) is never shown
        }
    }

    /** What the program said on stderr, and how it ended. */
    record Result(int exitCode, String stderr) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** The program's own words, for an error message. */
        public String message() {
            String text = stderr.strip();
            return text.isEmpty() ? "exit code " + exitCode : text;
        }
    }
}
