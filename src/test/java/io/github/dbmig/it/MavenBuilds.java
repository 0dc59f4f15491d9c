package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Runs the sample projects of {@code src/it} as real {@code mvn} builds through Maven Invoker, with the plugin
 * staged in {@code target/local-repo}. Each case gets a fresh database; its pom reads the URL from
 * {@code ${dbmig.it.url}} and the credentials come from the environment ({@code DBMIG_IT_USERNAME/PASSWORD}),
 * unless the case sets its own. A case's {@code invoker.properties} lists the builds
 * ({@code invoker.goals.N}) and whether each must succeed ({@code invoker.buildResult.N}).
 */
final class MavenBuilds {

    private static final Path PROJECTS = Paths.get(System.getProperty("dbmig.it.projects", "src/it"));
    private static final Path WORK = Paths.get(System.getProperty("dbmig.it.work", "target/it"));
    private static final Path LOCAL_REPO = Paths.get(System.getProperty("dbmig.it.localRepo", "target/local-repo"));
    private static final String USER_REPO = System.getProperty("dbmig.it.userLocalRepo",
            Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
    private static final String VERSION = System.getProperty("dbmig.it.pluginVersion", "0.1.0-SNAPSHOT");
    private static final String MAVEN_HOME = System.getProperty("dbmig.it.mavenHome", System.getProperty("maven.home"));

    private MavenBuilds() {
    }

    static List<String> caseNames() throws IOException {
        try (Stream<Path> dirs = Files.list(PROJECTS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Copies the case, creates its database, runs every build it lists, checks each result and that no log leaks a password. */
    static ItCase run(String name) throws Exception {
        return run(name, new Options());
    }

    /** Copies the case and creates its database without building, for cases that run builds their own way. */
    static ItCase prepare(String name) {
        return new ItCase(name, copy(name), TestPostgres.freshDatabase("it_" + name), List.of());
    }

    static ItCase run(String name, Options options) throws Exception {
        TestDatabase database = TestPostgres.freshDatabase("it_" + name);
        Path project = copy(name);
        options.prepare.run(project, database);
        Properties invoker = invokerProperties(project);
        List<String> logs = new ArrayList<>();
        for (int i = 1; invoker.getProperty("invoker.goals." + i) != null; i++) {
            String goals = invoker.getProperty("invoker.goals." + i);
            boolean mustFail = "failure".equals(invoker.getProperty("invoker.buildResult." + i, "success"));
            Build build = build(project, goals, database, options);
            logs.add(build.log());
            assertEquals(mustFail, build.exitCode() != 0, "build " + i + " of " + name + " (" + goals + ") should "
                    + (mustFail ? "fail" : "succeed") + "\n--- log ---\n" + build.log());
            List<String> secrets = new ArrayList<>(options.secrets());
            secrets.add(database.password());
            for (String secret : secrets) {
                assertFalse(build.log().contains(secret), "build " + i + " of " + name + " logged a password");
            }
            options.afterBuild.getOrDefault(i, (p, d) -> { }).run(project, database);
        }
        return new ItCase(name, project, database, logs);
    }

    /** Something a case does to its copy or its database between builds; a failure fails the test. */
    @FunctionalInterface
    interface Step {
        void run(Path project, TestDatabase database) throws Exception;
    }

    /** One build's exit code and whole log. */
    record Build(int exitCode, String log) {
    }

    /** What a case needs beyond the defaults. */
    static final class Options {
        private final Map<String, String> environment = new HashMap<>();
        private final Map<String, String> properties = new HashMap<>();
        private final List<String> secrets = new ArrayList<>();
        private boolean defaultCredentials = true;
        private boolean backups;
        private Step prepare = (project, database) -> { };
        private final Map<Integer, Step> afterBuild = new HashMap<>();

        /** Runs after build number {@code build} (1-based), before the next: a change made by hand, say. */
        Options afterBuild(int build, Step step) {
            afterBuild.put(build, step);
            return this;
        }

        /** Runs before the first build, e.g. to write settings for the case. */
        Options prepare(Step step) {
            prepare = step;
            return this;
        }

        Options env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        Options property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        /** The case is about backups: it needs a pg_dump for the server's version (the test checks that it has one). */
        Options backups() {
            backups = true;
            return this;
        }

        /** The case supplies its own credentials (settings.xml); none go through the environment. */
        Options ownCredentials() {
            defaultCredentials = false;
            return this;
        }

        /** Text that must never appear in a build log. */
        Options secret(String value) {
            secrets.add(value);
            return this;
        }

        List<String> secrets() {
            return secrets;
        }
    }

    /** Runs one {@code mvn} build of the case's copy. Safe to call from several threads at once. */
    static Build build(Path project, String goals, TestDatabase database, Options options) {
        InvocationRequest request = new DefaultInvocationRequest();
        request.setBaseDirectory(project.toFile());
        request.setGoals(Arrays.asList(goals.trim().split("\\s+")));
        request.setBatchMode(true);
        request.setLocalRepositoryDirectory(LOCAL_REPO.toAbsolutePath().toFile());
        request.setUserSettingsFile(settingsFile(project).toFile());
        request.setTimeoutInSeconds(300);
        Properties properties = new Properties();
        properties.setProperty("dbmig.it.url", database.url());
        properties.setProperty("dbmig.it.image", io.github.dbmig.testing.TestPostgres.image());
        if (!options.backups && !TestPostgres.hostPgDumpFits()) {
            // no pg_dump for this server version on this machine: upgrades that are not about backups go without one
            properties.setProperty("dbmig.backup.skip", "true");
        }
        properties.putAll(options.properties);
        request.setProperties(properties);
        request.setShellEnvironmentInherited(true);
        if (options.defaultCredentials) {
            request.addShellEnvironment("DBMIG_IT_USERNAME", database.username());
            request.addShellEnvironment("DBMIG_IT_PASSWORD", database.password());
        }
        options.environment.forEach(request::addShellEnvironment);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        request.setOutputHandler(lines::add);
        request.setErrorHandler(lines::add);
        DefaultInvoker invoker = new DefaultInvoker();
        invoker.setMavenHome(Paths.get(MAVEN_HOME).toFile());
        try {
            InvocationResult result = invoker.execute(request);
            String log = String.join("\n", lines);
            Files.writeString(project.resolve("build-" + System.nanoTime() + ".log"), log);
            return new Build(result.getExitCode(), log);
        } catch (MavenInvocationException | IOException e) {
            throw new IllegalStateException("cannot run mvn for " + project, e);
        }
    }

    private static Path copy(String name) {
        Path source = PROJECTS.resolve(name);
        Path target = WORK.resolve(name + "-" + TestPostgres.image().replaceAll("[^A-Za-z0-9.]", "_"));
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else if (file.getFileName().toString().equals("pom.xml")) {
                        Files.writeString(to, Files.readString(file).replace("@project.version@", VERSION));
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties invokerProperties(Path project) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(project.resolve("invoker.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("case " + project + " needs an invoker.properties", e);
        }
        if (properties.getProperty("invoker.goals") != null) {
            properties.setProperty("invoker.goals.1", properties.getProperty("invoker.goals"));
            properties.setProperty("invoker.buildResult.1", properties.getProperty("invoker.buildResult", "success"));
        }
        return properties;
    }

    /**
     * Settings for the builds: the user's local repository as a remote one, so the staged local repository only
     * needs the plugin; plus the case's own {@code settings-servers.xml} fragment, if any.
     */
    private static Path settingsFile(Path project) {
        Path settings = project.resolve("it-settings.xml");
        if (Files.exists(settings)) {
            return settings;
        }
        String repo = Paths.get(USER_REPO).toUri().toString();
        String servers = "";
        try {
            Path fragment = project.resolve("settings-servers.xml");
            if (Files.exists(fragment)) {
                servers = Files.readString(fragment);
            }
            String repository = "<id>user-local</id><url>" + repo + "</url>"
                    + "<releases><enabled>true</enabled></releases><snapshots><enabled>true</enabled></snapshots>";
            Files.writeString(settings, "<settings><profiles><profile><id>it</id>"
                    + "<repositories><repository>" + repository + "</repository></repositories>"
                    + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                    + "</profile></profiles><activeProfiles><activeProfile>it</activeProfile></activeProfiles>"
                    + servers + "</settings>");
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
