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
            List<String> command = List.of(
                    psql.path().toString(),
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
                result = runner.run(new ProcessRunner.Command(
                        command, env.variables(), OutputStream.nullOutputStream(), sql, null, null));
            }
        } else {
            PgTool pgRestore = tools.find("pg_restore", serverMajor);
            List<String> command = new ArrayList<>(List.of(
                    pgRestore.path().toString(), "--no-password", "--exit-on-error", "--dbname=" + env.database()));
            if (jobs > 1) {
                command.add("--jobs=" + jobs);
            }
            if (foreign) {
                command.addAll(List.of("--no-owner", "--no-privileges"));
            }
            command.add(backup.toString());
            result = runner.run(new ProcessRunner.Command(
                    command, env.variables(), OutputStream.nullOutputStream(), null, null, null));
        }
        if (!result.ok()) {
            throw new IOException(
                    (format == BackupFormat.PLAIN ? "psql" : "pg_restore") + " said: " + result.message());
        }
    }
}
