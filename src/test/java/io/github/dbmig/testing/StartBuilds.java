package io.github.dbmig.testing;

import io.github.dbmig.api.Build;
import io.github.dbmig.api.Dbmig;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.log.Log;
import io.github.dbmig.log.Secrets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For tests of {@code dbmig:start} and {@code dbmig:stop} through dbmig's door, without Maven: the door of one build
 * of a project (its own build state, environment and engine options), the project's {@code <image>} database
 * {@code it}, and this machine's environment with the engine settings a test chooses.
 */
public final class StartBuilds {

    private StartBuilds() {}

    /** The door for one build of {@code project}, whose state (what Maven keeps per build) is {@code state}. */
    public static Dbmig dbmig(
            Path project,
            Map<String, Object> state,
            Map<String, String> environment,
            ContainerOptions containers,
            Log log) {
        return new Dbmig(
                new Build(
                        "start",
                        project,
                        null,
                        null,
                        state,
                        environment,
                        () -> Duration.ofMinutes(1),
                        true,
                        project.resolve("target/dbmig"),
                        containers,
                        false),
                log,
                new Secrets());
    }

    /** {@code <database> it}: an {@code <image>} database with the project's migrations, kept for reuse or not. */
    public static Database database(Path project, String image, boolean reuse) {
        return new DatabaseBuilder("<database> it")
                .id("it")
                .image(image)
                .scripts(project.resolve("migrations"))
                .start(null, reuse, false)
                .build((id, url) -> null);
    }

    /** This machine's environment without {@code unset}, and with {@code settings}. */
    public static Map<String, String> environment(List<String> unset, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        unset.forEach(environment::remove);
        environment.putAll(settings);
        return environment;
    }
}
