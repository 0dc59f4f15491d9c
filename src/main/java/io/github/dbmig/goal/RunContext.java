package io.github.dbmig.goal;

import io.github.dbmig.backup.ClientImages;
import io.github.dbmig.backup.ClientTools;
import io.github.dbmig.backup.ProcessRunner;
import io.github.dbmig.log.Log;
import io.github.dbmig.migration.tables.Provenance;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one run (one goal of one build) shares across its databases: who runs it, how long a writing goal waits for
 * another one's lock, whether backups before change are skipped, where a dry run writes, the clock, how client
 * programs are run, and the log. Client programs are looked up once per run.
 */
public final class RunContext {

    private final Provenance provenance;
    private final Duration lockWait;
    private final boolean skipBackup;
    private final Path outputDirectory;
    private final Clock clock;
    private final ProcessRunner processRunner;
    private final Log log;
    private final Map<Optional<Path>, ClientTools> tools;
    private final ClientImages images;
    private final AtomicBoolean stop;
    private final boolean syncEachScript;

    /**
     * @param provenance      written into every history row
     * @param lockWait        how long a writing goal waits for dbmig's lock held by another run
     * @param skipBackup      skip the backup before change ({@code -Ddbmig.backup.skip})
     * @param outputDirectory where dry runs and reports are written ({@code target/dbmig})
     */
    public RunContext(
            Provenance provenance,
            Duration lockWait,
            boolean skipBackup,
            Path outputDirectory,
            Clock clock,
            ProcessRunner processRunner,
            Log log) {
        this(provenance, lockWait, skipBackup, outputDirectory, clock, processRunner, ClientImages.none(), log);
    }

    /** @param images where client programs run from an image when none is local (or always) */
    public RunContext(
            Provenance provenance,
            Duration lockWait,
            boolean skipBackup,
            Path outputDirectory,
            Clock clock,
            ProcessRunner processRunner,
            ClientImages images,
            Log log) {
        this.provenance = provenance;
        this.lockWait = lockWait;
        this.skipBackup = skipBackup;
        this.outputDirectory = outputDirectory;
        this.clock = clock;
        this.processRunner = processRunner;
        this.log = log;
        this.tools = new HashMap<>();
        this.images = images;
        this.stop = new AtomicBoolean();
        this.syncEachScript = false;
    }

    private RunContext(RunContext shared, Log log, boolean syncEachScript) {
        this.provenance = shared.provenance;
        this.lockWait = shared.lockWait;
        this.skipBackup = shared.skipBackup;
        this.outputDirectory = shared.outputDirectory;
        this.clock = shared.clock;
        this.processRunner = shared.processRunner;
        this.log = log;
        this.tools = shared.tools;
        this.images = shared.images;
        this.stop = shared.stop;
        this.syncEachScript = syncEachScript;
    }

    /** The same run, logging elsewhere: one database's lines in a run over many. */
    public RunContext withLog(Log other) {
        return new RunContext(this, other, syncEachScript);
    }

    /** The same run, every script's COMMIT waiting for the disk when {@code each} ({@code <syncEachScript>}). */
    public RunContext syncingEachScript(boolean each) {
        return new RunContext(this, log, each);
    }

    /** Whether every script's COMMIT waits for the disk, not only a run's last. */
    public boolean syncEachScript() {
        return syncEachScript;
    }

    /** Asks every database of the run to start no further script (Ctrl-C); scripts in flight finish or roll back. */
    public void requestStop() {
        stop.set(true);
    }

    public boolean stopRequested() {
        return stop.get();
    }

    public Provenance provenance() {
        return provenance;
    }

    public Duration lockWait() {
        return lockWait;
    }

    public boolean skipBackup() {
        return skipBackup;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    public Clock clock() {
        return clock;
    }

    public ProcessRunner processRunner() {
        return processRunner;
    }

    public Log log() {
        return log;
    }

    /** The client programs found in {@code pgBinDir} (or the usual places), probed once per run. */
    public ClientTools clientTools(Path pgBinDir) {
        synchronized (tools) {
            return tools.computeIfAbsent(
                    Optional.ofNullable(pgBinDir), dir -> new ClientTools(pgBinDir, processRunner, images));
        }
    }
}
