package io.github.dbmig.maven;

import io.github.dbmig.api.Build;
import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.log.Log;
import io.github.dbmig.maven.build.BuildState;
import io.github.dbmig.maven.build.CommandLine;
import io.github.dbmig.maven.build.SettingsCredentials;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What Maven injects into every dbmig goal besides its parameters: the goal's execution, the build session, the
 * project, this plugin, the settings and their decrypter; and what they read as for dbmig (the command line, the
 * build, settings.xml credentials). The parameters a user sets are {@link AbstractDbmigParameters}'.
 */
public abstract class AbstractGoalContext extends AbstractMojo {

    /** The goal being run, for the report over many databases. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;
    /** The Maven settings, for {@code <server>} credentials. */
    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;
    /** The build, for the command line's {@code -D} properties, checked for typos before a goal runs. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;
    /** The project being built: its coordinates and git commit go into every history row. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;
    /** This plugin, for its version in history rows. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;
    /** Decrypts settings.xml passwords encrypted with Maven's settings-security. */
    @Component
    private SettingsDecrypter settingsDecrypter;
    /** The goal's name. */
    final String goal() {
        return mojoExecution == null ? "goal" : mojoExecution.getGoal();
    }

    /** The command line's {@code -D} properties, and where a parameter's value was written. */
    @SuppressWarnings("unchecked")
    protected final CommandLine commandLine() {
        return new CommandLine(
                session == null ? null : session.getUserProperties(), project, plugin, getPluginContext());
    }

    /** The project being built. */
    protected final MavenProject project() {
        return project;
    }

    /** The build this goal runs in, as dbmig's door takes it: the project's directory, coordinates and state. */
    final Build build(
            Supplier<Duration> lockWait,
            boolean skipBackup,
            Path outputDirectory,
            ContainerOptions containers,
            boolean syncEachScript,
            Log log) {
        Path directory = project == null || project.getBasedir() == null
                ? Path.of("").toAbsolutePath()
                : project.getBasedir().toPath();
        String coordinates = project == null
                ? null
                : project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        return new Build(
                goal(),
                directory,
                coordinates,
                plugin == null ? null : plugin.getVersion(),
                BuildState.of(session, project, log),
                System.getenv(),
                lockWait,
                skipBackup,
                outputDirectory,
                containers,
                syncEachScript);
    }

    /** settings.xml's servers, their passwords decrypted. */
    final SettingsCredentials settingsCredentials() {
        return new SettingsCredentials(settings, settingsDecrypter);
    }
}
