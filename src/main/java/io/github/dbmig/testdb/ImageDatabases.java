package io.github.dbmig.testdb;

import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.PgUrl;
import io.github.dbmig.container.ContainerEngine;
import io.github.dbmig.log.Log;
import io.github.dbmig.testdb.docker.Containers;
import io.github.dbmig.testdb.docker.PostgresContainer;
import io.github.dbmig.testdb.docker.Reaper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.dbmig.errors.Messages.about;

/**
 * Where a goal finds an {@code <image>} database: in the container {@code dbmig:start} made ready in this build, else
 * in a throwaway container started for the goal and removed after it.
 */
public final class ImageDatabases {

    private final Path project;
    private final ContainerEngine engine;
    private final ContainerOptions options;
    private final StartedDatabases started;
    private final Reaper reaper;
    private final Log log;

    /**
     * @param project    the project's directory: containers belong to a project
     * @param engine     the container engine
     * @param options    how its containers keep their data
     * @param buildState the build's store for this project: what {@code dbmig:start} made ready in this build, and the
     *                   containers the build removes when it ends
     */
    public ImageDatabases(
            Path project, ContainerEngine engine, ContainerOptions options, Map<String, Object> buildState, Log log) {
        this(project, engine, options, StartedDatabases.in(buildState), Reaper.in(buildState), log);
    }

    private ImageDatabases(
            Path project,
            ContainerEngine engine,
            ContainerOptions options,
            StartedDatabases started,
            Reaper reaper,
            Log log) {
        this.project = project;
        this.engine = engine;
        this.options = options;
        this.started = started;
        this.reaper = reaper;
        this.log = log;
    }

    /** The same, logging elsewhere: one database's lines in a run over many. */
    public ImageDatabases withLog(Log other) {
        return new ImageDatabases(project, engine, options, started, reaper, other);
    }

    /** What {@code dbmig:start} made ready in this build of this project. */
    StartedDatabases started() {
        return started;
    }

    /** The container engine, for this database's containers; fails saying what to do when there is none. */
    Containers containers(String databaseId) {
        return Containers.connect(databaseId, engine, reaper, log).withDataInMemory(options.dataInMemory());
    }

    public RunningDatabase open(Database declared) {
        if (!declared.isContainer()) {
            return started.get(declared.id())
                    .map(made -> new RunningDatabase(
                            declared, "started by dbmig:start in this build, at " + declared.url(), () -> {}))
                    .orElseGet(() -> RunningDatabase.existing(declared));
        }
        StartedDatabases.Started made = started.get(declared.id()).orElse(null);
        if (made != null) {
            PostgresContainer container = made.container();
            Database ready = connect(declared, container, made.database());
            return new RunningDatabase(ready, container + ", started by dbmig:start, at " + ready.url(), () -> {});
        }
        Containers containers = containers(declared.id());
        removeAbandoned(declared.id(), containers);
        log.info("Starting a throwaway PostgreSQL container from " + declared.image() + " for database " + declared.id()
                + "; it is removed when the goal ends.");
        PostgresContainer container = containers.start(declared.id(), declared.image(), labels(declared, false));
        return new RunningDatabase(
                connect(declared, container, "dbmig"),
                container + ", for this goal only",
                () -> containers.remove(container.id()));
    }

    /** The database {@code name} in {@code container}, as the declared one. */
    public static Database connect(Database declared, PostgresContainer container, String name) {
        return declared.connectedTo(
                PgUrl.parse(container.url(name), "the container's URL"),
                new Credentials(container.user(), container.password(), "the container", "the container"));
    }

    /**
     * This project's running containers, once those whose owner, a build on this host, is no longer running are
     * removed, whatever their state (one the engine stopped when it restarted, too), saying so for each (a build
     * killed with {@code kill -9} runs no hook and no end of build). A container
     * kept for reuse has no owner; one of a build on another host, whose process cannot be looked at, or of a build
     * still running is left alone. One listing serves both this and finding a kept container.
     */
    public List<PostgresContainer> projectContainers(String databaseId, Containers containers) throws IOException {
        List<PostgresContainer> remaining = new ArrayList<>();
        for (Containers.Labelled container : containers.everyOne(Map.of(Containers.LABEL_PROJECT, projectPath()))) {
            String owner = container.labels().get(Containers.LABEL_OWNER);
            Optional<BuildOwner> build = BuildOwner.parse(owner);
            if (build.isPresent() && build.get().isGone()) {
                containers.remove(container.id());
                log.info(about(container.labels().getOrDefault(Containers.LABEL_DATABASE, databaseId)) + "removed "
                        + container + ", left by build " + owner + ", which is no longer running.");
            } else if (container.running() != null) {
                remaining.add(container.running());
            }
        }
        return remaining;
    }

    /** {@link #projectContainers}, for a goal that only tidies up: a listing that fails is a warning. */
    public void removeAbandoned(String databaseId, Containers containers) {
        try {
            projectContainers(databaseId, containers);
        } catch (IOException e) {
            log.warn(about(databaseId) + "could not list this project's containers to remove those of builds that are"
                    + " gone: " + e.getMessage());
        }
    }

    private String projectPath() {
        return project.toAbsolutePath().normalize().toString();
    }

    /** dbmig's labels for a container of this database: whose it is (which build), and for a reused one, its key. */
    public Map<String, String> labels(Database declared, boolean reuse) {
        String projectPath = projectPath();
        return reuse
                ? Map.of(
                        Containers.LABEL_DATABASE,
                        declared.id(),
                        Containers.LABEL_PROJECT,
                        projectPath,
                        Containers.LABEL_REUSE,
                        reuseKey(declared))
                : Map.of(
                        Containers.LABEL_DATABASE,
                        declared.id(),
                        Containers.LABEL_PROJECT,
                        projectPath,
                        Containers.LABEL_OWNER,
                        BuildOwner.current().pidAtHost(),
                        Containers.LABEL_BUILD,
                        reaper.buildId());
    }

    /** What a reused container is found by: this project, this database, this image. */
    public String reuseKey(Database declared) {
        return Sha256.of(project.toAbsolutePath().normalize() + "\n" + declared.id() + "\n" + declared.image())
                .substring(0, 16);
    }
}
