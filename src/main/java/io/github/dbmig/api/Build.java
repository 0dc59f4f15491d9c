package io.github.dbmig.api;

import io.github.dbmig.config.ContainerOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The build a goal runs in, as the build tool knows it: nothing here is secret.
 *
 * @param goal            the goal's name, for a fleet's table ({@code fleet-<goal>.md})
 * @param projectDirectory the project's directory: containers and what {@code start} leaves for {@code stop} belong to
 *                        a project
 * @param project         the project, {@code groupId:artifactId:version}, for the history; or null
 * @param pluginVersion   dbmig's version, for the history; or null
 * @param state           what one goal of this project leaves for a later one of the same build ({@code start} for
 *                        {@code stop}): the build tool's own per-project, per-build store (Maven's project context
 *                        values), never a static field, so that nothing outlives the build under a daemon
 * @param environment     the process environment (Docker's variables, {@code HOSTNAME})
 * @param lockWait        how long a writing goal waits for dbmig's lock held by another run; asked for when the goal
 *                        first reaches a database, so that a goal that reaches none neither reads nor warns about it
 * @param skipBackup      skip the backup before change ({@code -Ddbmig.backup.skip})
 * @param outputDirectory where dry runs, reports and published properties are written ({@code target/dbmig})
 * @param containers      the container engine's client, and where client programs come from
 * @param syncEachScript  every script's COMMIT waits for the disk ({@code <syncEachScript>}), not only a run's last
 */
public record Build(
        String goal,
        Path projectDirectory,
        String project,
        String pluginVersion,
        Map<String, Object> state,
        Map<String, String> environment,
        Supplier<Duration> lockWait,
        boolean skipBackup,
        Path outputDirectory,
        ContainerOptions containers,
        boolean syncEachScript) {}
