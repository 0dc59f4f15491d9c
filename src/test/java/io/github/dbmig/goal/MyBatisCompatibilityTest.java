package io.github.dbmig.goal;

import io.github.dbmig.backup.SystemProcessRunner;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testing.GoalTestBase;
import io.github.dbmig.testing.RecordingLog;
import io.github.dbmig.testing.Scripts;
import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.FileMigrationLoader;
import org.apache.ibatis.migration.JdbcConnectionProvider;
import org.apache.ibatis.migration.operations.StatusOperation;
import org.apache.ibatis.migration.options.DatabaseOperationOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The changelog dbmig writes is the one MyBatis Migrations' own {@code migrate status} reads. */
class MyBatisCompatibilityTest {

    @TempDir
    Path tmp;

    @Test
    void myBatisStatusReadsWhatDbmigApplied() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase("mybatis_status");
        Scripts scripts = new Scripts(tmp.resolve("scripts"));
        scripts.table("20240101000000_create_a.sql", "a");
        scripts.table("20240102000000_create_b.sql", "b");
        scripts.table("20240103000000_create_c.sql", "c");
        RunContext context = new RunContext(
                GoalTestBase.TEST_RUN,
                Duration.ofSeconds(10),
                true,
                tmp.resolve("out"),
                Clock.systemUTC(),
                new SystemProcessRunner(),
                new RecordingLog());
        new DatabaseOperations(db.database(scripts.dir()), context)
                .upgrade(UpgradeRequest.to(ScriptId.of(20240102000000L)))
                .done();

        DatabaseOperationOption option = new DatabaseOperationOption();
        option.setChangelogTable("CHANGELOG"); // MyBatis' default spelling, unquoted
        StatusOperation status = new StatusOperation()
                .operate(
                        new JdbcConnectionProvider("org.postgresql.Driver", db.url(), db.username(), db.password()),
                        new FileMigrationLoader(scripts.dir().toFile(), "UTF-8", new Properties()),
                        option,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(2, status.getAppliedCount());
        assertEquals(1, status.getPendingCount());
        List<Change> changes = status.getCurrentStatus();
        assertEquals("create a", changes.get(0).getDescription());
        assertNotNull(changes.get(1).getAppliedTimestamp());
        assertEquals(null, changes.get(2).getAppliedTimestamp());
    }
}
