package io.github.dbmig.testdb;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.UpgradeRequest;
import io.github.dbmig.connect.AdminConnection;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.errors.DbmigException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.goal.DatabaseOperations;
import io.github.dbmig.goal.RunContext;
import io.github.dbmig.goal.Scripts;
import io.github.dbmig.log.Log;
import io.github.dbmig.script.SchemaVersion;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.testdb.docker.Containers;
import io.github.dbmig.testdb.docker.PostgresContainer;
import io.github.dbmig.testdb.docker.Reaper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.dbmig.errors.Messages.about;

/**
 * Databases for a project's integration tests, from {@code pre-integration-test} to {@code post-integration-test}:
 * {@link #start} makes each one ready (an {@code <image>} one in a container, migrated; a {@code <url>} one upgraded),
 * loads its test data and publishes how to reach it; {@link #stop} removes what start started. With {@code <reuse>}
 * the container outlives the build and each build gets a fresh copy of a template migrated once.
 */
public final class TestDatabases {

    private final RunContext context;
    private final Log log;
    private final ImageDatabases images;
    private final StartedDatabases started;
    private final PublishedFiles files;

    /** @param images where this project's containers are found and started, and what this build started */
    public TestDatabases(RunContext context, ImageDatabases images) {
        this.context = context;
        this.log = context.log();
        this.images = images.withLog(context.log());
        this.started = images.started();
        this.files = new PublishedFiles(context.outputDirectory(), log);
    }

    /**
     * Checks what can be checked of these databases before any of them is started: each {@code <testData>} is a
     * directory. {@link #start} checks its own database again.
     */
    public void checkBeforeStart(List<Database> databases) {
        databases.forEach(TestData::requireDirectory);
    }

    /** @param target the last script to apply, or null for all */
    public Published start(Database declared, ScriptId target) {
        TestData.requireDirectory(declared); // before any container or script
        if (started.get(declared.id()).isPresent()) {
            throw new SetupException(
                    "Database " + declared.id() + " was already started in this build; dbmig:stop it first.");
        }
        if (!declared.isContainer()) {
            new DatabaseOperations(declared, context).upgrade(UpgradeRequest.to(target));
            loadTestData(declared, null);
            started.put(
                    declared.id(),
                    new StartedDatabases.Started(null, declared.url().database(), false));
            return files.publish(declared, declared, declared.start().publishPassword(), "the database at its <url>");
        }
        Containers containers = images.containers(declared.id());
        boolean reuse = declared.start().reuse();
        PostgresContainer container = null;
        if (reuse) {
            container = reusable(declared, containers);
        } else {
            images.removeAbandoned(declared.id(), containers);
        }
        if (container == null) {
            log.info("Starting PostgreSQL from " + declared.image() + " for database " + declared.id()
                    + (reuse
                            ? "; it is kept after the build (<reuse>)."
                            : "; dbmig:stop removes it (so does the end of the build)."));
            container = containers.start(declared.id(), declared.image(), images.labels(declared, reuse));
            if (reuse) {
                containers.keep(container);
            }
        }
        PostgresContainer running = container;
        try {
            String name = reuse
                    ? new Templates(declared, running, context).freshCopy(() -> schemaVersion(declared), target)
                    : "dbmig";
            Database ready = ImageDatabases.connect(declared, running, name);
            if (!reuse) {
                new DatabaseOperations(ready, context).upgrade(UpgradeRequest.to(target));
            }
            loadTestData(
                    ready, reuse ? () -> dropQuietly(declared, running, name) : () -> containers.remove(running.id()));
            started.put(declared.id(), new StartedDatabases.Started(container, name, reuse));
            return files.publish(declared, ready, true, container + (reuse ? ", kept for the next build" : ""));
        } catch (SQLException e) {
            if (!reuse) {
                containers.remove(container.id());
            }
            throw new SetupException(
                    about(declared.id()) + "preparing it in " + container + " failed: " + e.getMessage(), e);
        } catch (DbmigException e) {
            if (!reuse) {
                containers.remove(container.id());
            }
            throw e;
        }
    }

    /**
     * Removes what {@link #start} started for this database in this build: the container, unless it is kept for reuse.
     *
     * @param purge remove a reused container too
     */
    public void stop(Database declared, boolean purge) {
        Optional<StartedDatabases.Started> made = started.remove(declared.id());
        if (made.isEmpty()) {
            if (purge && declared.isContainer()) {
                purgeReused(declared);
                return;
            }
            log.info(about(declared.id()) + "dbmig:start did not start it in this build; nothing to stop.");
            return;
        }
        PostgresContainer container = made.get().container();
        if (container == null) {
            log.info(about(declared.id()) + "nothing to stop; a <url> database stays as it is.");
        } else if (made.get().reused() && !purge) {
            dropQuietly(declared, container, made.get().database()); // the next build gets a copy of its own
            log.info(about(declared.id()) + container + " is kept for the next build (<reuse>);"
                    + " dbmig:stop -Ddbmig.purge=true removes it.");
        } else {
            images.containers(declared.id()).remove(container.id());
            log.info(about(declared.id()) + "removed " + container + ".");
        }
        files.delete(declared);
    }

    /**
     * At the end of the build: removes every container that {@link #start} started in it and no {@link #stop} removed,
     * saying so, never one kept for reuse; then, quietly, any other container of the build still there (a goal's own).
     */
    public static void endOfBuild(Map<String, Object> buildState, Log log) {
        Reaper reaper = Reaper.in(buildState);
        StartedDatabases.in(buildState).removeAll().forEach((id, made) -> {
            if (made.container() == null || made.reused()) {
                return;
            }
            try {
                reaper.remove(made.container().id());
                log.info(about(id) + "removed " + made.container() + ", which dbmig:start started and no"
                        + " dbmig:stop removed before the build ended.");
            } catch (IOException e) {
                log.warn("Could not remove container " + made.container().shortId() + ": " + e.getMessage());
            }
        });
        reaper.removeAll();
    }

    private void purgeReused(Database declared) {
        Containers containers = images.containers(declared.id());
        List<PostgresContainer> found = kept(declared, containers);
        found.forEach(c -> containers.remove(c.id()));
        log.info(about(declared.id())
                + (found.isEmpty()
                        ? "no kept container to remove."
                        : "removed " + found.get(0) + ", kept from earlier builds."));
        files.delete(declared);
    }

    private PostgresContainer reusable(Database declared, Containers containers) {
        List<PostgresContainer> found = kept(declared, containers);
        if (!found.isEmpty()) {
            log.info(about(declared.id()) + "reusing " + found.get(0) + " from an earlier build.");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The containers kept for this database's reuse key, after those of builds that are gone were removed. */
    private List<PostgresContainer> kept(Database declared, Containers containers) {
        String key = images.reuseKey(declared);
        try {
            return images.projectContainers(declared.id(), containers).stream()
                    .filter(container -> key.equals(container.labels().get(Containers.LABEL_REUSE)))
                    .toList();
        } catch (IOException e) {
            throw new SetupException("Cannot list dbmig's containers: " + e.getMessage());
        }
    }

    private SchemaVersion schemaVersion(Database declared) {
        return SchemaVersion.of(new Scripts(declared, log).scan(), declared.encoding());
    }

    private void loadTestData(Database ready, Runnable onFailure) {
        if (ready.start().testData() == null) {
            return;
        }
        try {
            TestData.load(ready, ready.start().testData(), log);
        } catch (DbmigException e) {
            if (onFailure != null) {
                onFailure.run();
            }
            throw e;
        }
    }

    private void dropQuietly(Database declared, PostgresContainer container, String name) {
        try (Connection admin = PgConnector.open(ImageDatabases.connect(declared, container, "dbmig"))) {
            admin.setAutoCommit(true);
            AdminConnection.drop(admin, name);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not drop " + name + " in " + container + ": " + e.getMessage());
        }
    }
}
