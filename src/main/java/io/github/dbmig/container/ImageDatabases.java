package io.github.dbmig.container;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.PgUrl;
import io.github.dbmig.log.Log;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a goal finds an {@code <image>} database: in the container {@code dbmig:start} made ready in this build, else
 * in a throwaway container started for the goal and removed after it.
 */
public final class ImageDatabases {

    private final Path project;
    private final Map<String, String> environment;
    private final Log log;

    /** @param project the Maven project's directory: containers belong to a project */
    public ImageDatabases(Path project, Map<String, String> environment, Log log) {
        this.project = project;
        this.environment = environment;
        this.log = log;
    }

    public RunningDatabase open(Database declared) {
        if (!declared.isContainer()) {
            return BuildContainers.get(project, declared.id())
                    .map(started -> new RunningDatabase(declared,
                            "started by dbmig:start in this build, at " + declared.url(), () -> { }))
                    .orElseGet(() -> RunningDatabase.existing(declared));
        }
        BuildContainers.Started started = BuildContainers.get(project, declared.id()).orElse(null);
        if (started != null) {
            PostgresContainer container = started.container();
            Database ready = connect(declared, container, started.database());
            return new RunningDatabase(ready, container + ", started by dbmig:start, at " + ready.url(), () -> { });
        }
        Containers containers = Containers.connect(declared.id(), environment, log);
        log.info("Starting a throwaway PostgreSQL container from " + declared.image() + " for database " + declared.id()
                + "; it is removed when the goal ends.");
        PostgresContainer container = containers.start(declared.id(), declared.image(), labels(declared, false));
        return new RunningDatabase(connect(declared, container, "dbmig"), container + ", for this goal only",
                () -> containers.remove(container.id()));
    }

    /** The database {@code name} in {@code container}, as the declared one. */
    public static Database connect(Database declared, PostgresContainer container, String name) {
        return declared.connectedTo(PgUrl.parse(container.url(name), "the container's URL"),
                new Credentials(container.user(), container.password(), "the container", "the container"));
    }

    /** dbmig's labels for a container of this database: whose it is, and for a reused one, its key. */
    public Map<String, String> labels(Database declared, boolean reuse) {
        String owner = reuse ? Containers.LABEL_REUSE : Containers.LABEL_OWNER;
        String value = reuse ? reuseKey(declared) : BuildOwner.current().pidAtHost();
        return Map.of(Containers.LABEL_DATABASE, declared.id(), Containers.LABEL_PROJECT,
                project.toAbsolutePath().normalize().toString(), owner, value);
    }

    /** What a reused container is found by: this project, this database, this image. */
    public String reuseKey(Database declared) {
        return io.github.dbmig.checksum.Sha256.of(project.toAbsolutePath().normalize() + "\n" + declared.id() + "\n"
                + declared.image()).substring(0, 16);
    }
}
