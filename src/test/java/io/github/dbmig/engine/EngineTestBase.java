package io.github.dbmig.engine;

import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.Database;
import io.github.dbmig.core.DatabaseOperations;
import io.github.dbmig.core.RunContext;
import io.github.dbmig.testing.Scripts;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Each engine test gets a fresh database on the shared test server, an empty scripts directory and a log to read;
 * it drives the core as the goals do, through {@link DatabaseOperations}, with backups before change off.
 */
abstract class EngineTestBase {

    static final Provenance TEST_RUN = new Provenance(System.getProperty("user.name"), null, null, null, null);

    @TempDir
    Path tmp;

    TestDatabase db;
    Scripts scripts;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void freshDatabase(TestInfo test) {
        db = TestPostgres.freshDatabase(getClass().getSimpleName().toLowerCase() + "_" + test.getTestMethod().orElseThrow().getName());
        scripts = new Scripts(tmp.resolve("migrations"));
    }

    /** The core for {@link #db} with the changelog in the default schema. */
    DatabaseOperations migrator() {
        return migrator(database(db, null, Database.DEFAULT_LOCK_TIMEOUT, Map.of()), TEST_RUN);
    }

    DatabaseOperations migrator(Database database, Provenance provenance) {
        return new DatabaseOperations(database, context(provenance, Duration.ofSeconds(30)));
    }

    RunContext context(Provenance provenance, Duration lockWait) {
        return new RunContext(provenance, lockWait, true, tmp.resolve("out"), Clock.systemUTC(), new SystemProcessRunner(), log);
    }

    /** {@code database} as the pom would declare it (id {@code testdb}), its scripts in this test's directory. */
    Database database(TestDatabase database, String schema, Duration lockTimeout, Map<String, String> variables) {
        return database.builder().schema(schema).lockTimeout(lockTimeout.toMillis() + "ms").variables(variables)
                .scripts(scripts.dir()).build(database.credentials());
    }
}
