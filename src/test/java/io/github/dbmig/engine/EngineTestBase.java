package io.github.dbmig.engine;

import io.github.dbmig.script.ScriptSource;
import io.github.dbmig.testing.Scripts;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Each engine test gets a fresh database on the shared test server, an empty scripts directory and a log to read. */
abstract class EngineTestBase {

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

    /** A migrator for {@link #db} with the changelog in the default schema. */
    Migrator migrator() {
        return migrator(target(db, null, MigrationTarget.DEFAULT_DDL_LOCK_TIMEOUT), Map.of(), Provenance.unknown());
    }

    Migrator migrator(MigrationTarget target, Map<String, String> variables, Provenance provenance) {
        return new Migrator(target, new ScriptSource(scripts.dir(), StandardCharsets.UTF_8, variables), log, provenance);
    }

    static MigrationTarget target(TestDatabase database, String schema, Duration ddlLockTimeout) {
        return new MigrationTarget("testdb", database.target(), schema, "changelog", Duration.ofSeconds(30), ddlLockTimeout);
    }
}
