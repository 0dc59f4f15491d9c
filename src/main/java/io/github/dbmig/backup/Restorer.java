package io.github.dbmig.backup;

import io.github.dbmig.config.BackupFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Loads a backup into an existing, empty database: pg_restore for the custom and directory formats (in parallel),
 * {@code psql -1 -v ON_ERROR_STOP=1} for plain SQL, exactly as the runbook's {@code gunzip -c | psql -1}.
 */
final class Restorer {

    private final ClientTools tools;
    private final ProcessRunner runner;

    Restorer(ClientTools tools, ProcessRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    /** @throws IOException with the program's own message when it fails */
    void restore(BackupFormat format, Path backup, ClientEnvironment env, int jobs, int serverMajor)
            throws IOException {
        restore(format, backup, env, jobs, serverMajor, false);
    }

    /**
     * @param foreign the target is another server, whose roles need not be the source's: objects are owned by the
     *                connecting user and the source's grants are left out ({@code --no-owner --no-privileges})
     */
    void restore(BackupFormat format, Path backup, ClientEnvironment env, int jobs, int serverMajor, boolean foreign)
            throws IOException {
        ProcessRunner.Result result;
        if (format == BackupFormat.PLAIN) {
            PgTool psql = tools.find("psql", serverMajor);
            List<String> args = List.of(
                    "--no-password",
                    "-X",
                    "-q",
                    "--single-transaction",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "--dbname=" + env.database(),
                    "-f",
                    "-");
            try (InputStream sql = new GZIPInputStream(Files.newInputStream(backup), 1 << 16)) {
                result = runner.run(
                        psql.command(args, env, List.of(), OutputStream.nullOutputStream(), sql, null, null));
            }
        } else {
            PgTool pgRestore = tools.find("pg_restore", serverMajor);
            List<String> args =
                    new ArrayList<>(List.of("--no-password", "--exit-on-error", "--dbname=" + env.database()));
            if (jobs > 1 && (pgRestore.seesFiles() || Files.isDirectory(backup))) {
                args.add("--jobs=" + jobs); // a file read from standard input restores in one job only
            }
            if (foreign) {
                args.addAll(List.of("--no-owner", "--no-privileges"));
            }
            result = reading(pgRestore, args, backup, env, runner, OutputStream.nullOutputStream());
        }
        if (!result.ok()) {
            throw new IOException(
                    (format == BackupFormat.PLAIN ? "psql" : "pg_restore") + " said: " + result.message());
        }
    }

    /**
     * Runs pg_restore on a custom or directory backup: a local one reads the file by name; one in a container gets a
     * file on its standard input ({@code pg_restore} reads a custom archive from there), a directory bound at the same
     * path.
     */
    static ProcessRunner.Result reading(
            PgTool pgRestore,
            List<String> args,
            Path backup,
            ClientEnvironment env,
            ProcessRunner runner,
            OutputStream out)
            throws IOException {
        List<String> all = new ArrayList<>(args);
        if (!pgRestore.seesFiles() && Files.isRegularFile(backup)) {
            try (InputStream archive = Files.newInputStream(backup)) {
                return runner.run(pgRestore.command(all, env, List.of(), out, archive, null, null));
            }
        }
        all.add(pgRestore.inContainer() ? backup.toAbsolutePath().toString() : backup.toString());
        List<Path> mounts = pgRestore.inContainer() ? List.of(backup.toAbsolutePath()) : List.of();
        return runner.run(pgRestore.command(all, env, mounts, out, null, null, null));
    }
}
