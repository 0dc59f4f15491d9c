package io.github.dbmig.testing;

import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.Database;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.migration.tables.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Each test of one database's goals gets a fresh database on the shared test server, an empty scripts directory and
 * a log to read; it drives the goals as the build does, through {@link DatabaseOperations}, with backups before change
 * off.
 */
public abstract class GoalTestBase {

    public static final Provenance TEST_RUN = new Provenance(System.getProperty("user.name"), null, null, null, null);

    @TempDir
    protected Path tmp;

    protected TestDatabase db;
    protected Scripts scripts;
    protected final RecordingLog log = new RecordingLog();

    @BeforeEach
    protected void freshDatabase(TestInfo test) {
        db = TestPostgres.freshDatabase(getClass().getSimpleName().toLowerCase() + "_"
                + test.getTestMethod().orElseThrow().getName());
        scripts = new Scripts(tmp.resolve("migrations"));
    }

    /** The goals for {@link #db} with the changelog in the default schema. */
    protected DatabaseOperations operations() {
        return operations(database(db, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN);
    }

    protected DatabaseOperations operations(Database database, Provenance provenance) {
        return new DatabaseOperations(database, context(provenance, Duration.ofSeconds(30)));
    }

    protected RunContext context(Provenance provenance, Duration lockWait) {
        return new RunContext(
                provenance, lockWait, true, tmp.resolve("out"), Clock.systemUTC(), new SystemProcessRunner(), log);
    }

    /** {@code database} as the pom would declare it (id {@code testdb}), its scripts in this test's directory. */
    protected Database database(
            TestDatabase database, String schema, Duration lockTimeout, Map<String, String> variables) {
        return database.builder()
                .schema(schema)
                .lockTimeout(lockTimeout.toMillis() + "ms")
                .variables(variables)
                .scripts(scripts.dir())
                .build(database.credentials());
    }
}
