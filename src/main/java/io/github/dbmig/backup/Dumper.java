package io.github.dbmig.backup;

import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.config.BackupFormat;
import io.github.dbmig.config.BackupSettings;
import io.github.dbmig.config.Database;
import io.github.dbmig.log.Log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs pg_dump for one backup into its partial file, compressed as {@link DumpCompression} chooses for that pg_dump:
 * when its build lacks a method, the next is used, and the log says so.
 *
 * <p>A custom-format dump by a local pg_dump comes through its standard output into this JVM, which hashes it on the
 * way to the file, so the checksum needs no second read. pg_dump writes the file itself only for the directory format
 * (one file per table, from parallel jobs) and for a program run by a local engine, whose container's standard output
 * carries only ~36 MB/s here; such a backup is hashed while it is verified. A streamed custom archive
 * lacks the data offsets that pg_dump fills in when it can seek in its file, which cost a parallel pg_restore nothing
 * measurable here (pg_restore remembers where each block lies as it skips over it).
 */
final class Dumper {

    private static final long PROGRESS_INTERVAL_MILLIS = 5000;

    /**
     * What was written.
     *
     * @param sha256      its SHA-256 when it streamed through this JVM; null when pg_dump wrote it itself
     * @param compression how it was compressed
     */
    record Written(String sha256, DumpCompression compression) {}

    /** One run of pg_dump: how it ended, and the SHA-256 of what it streamed, if it did. */
    private record Attempt(ProcessRunner.Result result, String sha256) {}

    private final Database database;
    private final BackupSettings settings;
    private final ClientTools tools;
    private final ProcessRunner runner;
    private final Log log;

    Dumper(Database database, ClientTools tools, ProcessRunner runner, Log log) {
        this.database = database;
        this.settings = database.backup();
        this.tools = tools;
        this.runner = runner;
        this.log = log;
    }

    /** @throws IOException with pg_dump's own message when it fails */
    Written dump(PgTool pgDump, ClientEnvironment env, Path partial) throws IOException {
        List<DumpCompression> methods = DumpCompression.candidates(
                settings.format(), settings.compression(), pgDump.major(), tools.lacking(pgDump));
        for (int i = 0; ; i++) {
            DumpCompression method = methods.get(i);
            Attempt attempt = run(pgDump, env, partial, method);
            if (attempt.result().ok()) {
                return new Written(attempt.sha256(), method);
            }
            if (i + 1 == methods.size() || !method.lackedBy(attempt.result())) {
                throw new IOException("pg_dump said: " + attempt.result().message());
            }
            tools.lacks(pgDump, method);
            log.detail(pgDump + " cannot compress with " + method + " (it said: "
                    + attempt.result().message() + "); dumping with " + methods.get(i + 1) + " instead.");
            BackupCatalog.deleteRecursively(partial);
        }
    }

    private Attempt run(PgTool pgDump, ClientEnvironment env, Path partial, DumpCompression compression)
            throws IOException {
        List<String> command =
                new ArrayList<>(List.of("--format=" + settings.format().flag(), "--no-password"));
        command.add("--compress=" + compression.flag());
        settings.schemas().forEach(schema -> command.add("--schema=" + schema));
        if (!settings.schemas().isEmpty()) {
            command.add("--blobs"); // large objects belong to no schema: --schema alone would leave them out
        }
        Progress progress = new Progress("pg_dump of " + database.id(), log, PROGRESS_INTERVAL_MILLIS);
        if (settings.format() == BackupFormat.DIRECTORY || pgDump.inContainer() && pgDump.seesFiles()) {
            if (settings.format() == BackupFormat.DIRECTORY) {
                command.add("--jobs=" + settings.jobs());
            }
            command.add("--file=" + (pgDump.inContainer() ? partial.toAbsolutePath() : partial));
            return new Attempt(
                    runner.run(pgDump.command(
                            command,
                            env,
                            List.of(partial.toAbsolutePath().getParent()),
                            null,
                            null,
                            progress,
                            () -> FileChecksums.sizeOrZero(partial))),
                    null);
        }
        try (OutputStream file = Files.newOutputStream(partial);
                Sha256.DigestingOutput out = new Sha256.DigestingOutput(new BufferedOutputStream(file, 1 << 16))) {
            ProcessRunner.Result result =
                    runner.run(pgDump.command(command, env, List.of(), out, null, progress, out::count));
            out.flush();
            return new Attempt(result, out.hex());
        }
    }
}
