package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;
import io.github.dbmig.testing.TestPostgres;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Runs the sample projects of {@code src/it} as real {@code mvn} builds through Maven Invoker, with the plugin
 * staged in {@code target/local-repo}. Each case gets a fresh database; its pom reads the URL from
 * {@code ${dbmig.it.url}} and the credentials come from the environment ({@code DBMIG_IT_USERNAME/PASSWORD}),
 * unless the case sets its own. A case's {@code invoker.properties} lists the builds
 * ({@code invoker.goals.N}) and whether each must succeed ({@code invoker.buildResult.N}); its {@code verify.txt}
 * says what must hold afterwards (see src/it/README.md). No build may log the database password.
 */
final class MavenBuilds {

    private static final Path PROJECTS = Paths.get(System.getProperty("dbmig.it.projects", "src/it"));
    private static final Path WORK = Paths.get(System.getProperty("dbmig.it.work", "target/it"));
    private static final Path LOCAL_REPO = Paths.get(System.getProperty("dbmig.it.localRepo", "target/local-repo"));
    private static final String USER_REPO = System.getProperty(
            "dbmig.it.userLocalRepo",
            Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
    private static final String VERSION = System.getProperty("dbmig.it.pluginVersion", "0.1.0-SNAPSHOT");
    private static final String MAVEN_HOME = System.getProperty("dbmig.it.mavenHome", System.getProperty("maven.home"));

    private MavenBuilds() {}

    static List<String> caseNames() throws IOException {
        try (Stream<Path> dirs = Files.list(PROJECTS)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    static Path folder(String name) {
        return PROJECTS.resolve(name);
    }

    static String pluginVersion() {
        return VERSION;
    }

    /** Runs the case's builds as its invoker.properties lists them, then checks its verify.txt. */
    static ItCase run(String name) throws Exception {
        return run(name, new BuildOptions());
    }

    /**
     * Copies the case, creates its database, runs every build its invoker.properties lists (with verify.txt's
     * {@code before N:} SQL), checks each build's result, then every line of its verify.txt.
     */
    static ItCase run(String name, BuildOptions options) throws Exception {
        Expectations expected = expectations(name, options);
        InvokerBuilds builds = InvokerBuilds.of(folder(name));
        expected.requireConsistentWith(builds.mustFail());
        TestDatabase database = TestPostgres.freshDatabase("it_" + name);
        Path project = copy(name);
        List<String> logs = new ArrayList<>();
        for (int i = 1; i <= builds.count(); i++) {
            for (BuildOptions.Step step : options.before(i)) {
                step.run(project, database);
            }
            Build build = build(project, builds.goals(i), database, options);
            logs.add(build.log());
            assertResult(name, i, builds.mustFail(i), build);
        }
        ItCase it = new ItCase(name, project, database, logs);
        expected.check(it);
        return it;
    }

    /** Copies the case and creates its database without building, for cases whose Java runs the builds. */
    static ItCase prepare(String name) {
        expectations(name, new BuildOptions()).requireNoBefore();
        return new ItCase(name, copy(name), TestPostgres.freshDatabase("it_" + name), List.of());
    }

    /**
     * For a case whose Java ran the builds: checks each one's result against invoker.properties, then verify.txt.
     * {@code builds} are numbered 1, 2, … in this order, as invoker.properties lists them.
     */
    static ItCase finish(ItCase prepared, List<Build> builds) throws Exception {
        InvokerBuilds listed = InvokerBuilds.of(folder(prepared.name()));
        assertEquals(
                listed.count(),
                builds.size(),
                "src/it/" + prepared.name() + "/invoker.properties lists " + listed.count() + " build(s), its Java ran "
                        + builds.size());
        for (int i = 1; i <= builds.size(); i++) {
            assertResult(prepared.name(), i, listed.mustFail(i), builds.get(i - 1));
        }
        ItCase it = new ItCase(
                prepared.name(),
                prepared.project(),
                prepared.database(),
                builds.stream().map(Build::log).toList());
        Expectations.read(folder(it.name())).check(it);
        return it;
    }

    /** The goals of build {@code n} as the case's invoker.properties lists them. */
    static String goals(String name, int n) {
        return InvokerBuilds.of(folder(name)).goals(n);
    }

    private static void assertResult(String name, int n, boolean mustFail, Build build) {
        assertEquals(
                mustFail,
                build.exitCode() != 0,
                "build " + n + " of " + name + " should " + (mustFail ? "fail" : "succeed") + "\n--- log ---\n"
                        + build.log());
    }

    private static Expectations expectations(String name, BuildOptions options) {
        Expectations expected = Expectations.read(folder(name));
        expected.prepare(options);
        return expected;
    }

    /** One build's exit code and whole log. */
    record Build(int exitCode, String log) {}

    /**
     * Runs one {@code mvn} build of the case's copy and fails if its log shows the database password or another
     * secret of {@code options}. Safe to call from several threads at once.
     */
    static Build build(Path project, String goals, TestDatabase database, BuildOptions options) {
        InvocationRequest request = new DefaultInvocationRequest();
        request.setBaseDirectory(project.toFile());
        request.setGoals(Arrays.asList(goals.trim().split("\\s+")));
        request.setBatchMode(true);
        request.setLocalRepositoryDirectory(LOCAL_REPO.toAbsolutePath().toFile());
        request.setUserSettingsFile(settingsFile(project).toFile());
        request.setTimeoutInSeconds(300);
        request.setProperties(properties(database, options));
        request.setShellEnvironmentInherited(true);
        if (options.defaultCredentials) {
            request.addShellEnvironment("DBMIG_IT_USERNAME", database.username());
            request.addShellEnvironment("DBMIG_IT_PASSWORD", database.password());
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        request.setOutputHandler(lines::add);
        request.setErrorHandler(lines::add);
        DefaultInvoker invoker = new DefaultInvoker();
        invoker.setMavenHome(Paths.get(MAVEN_HOME).toFile());
        try {
            InvocationResult result = invoker.execute(request);
            return kept(project, goals, result.getExitCode(), String.join("\n", lines), database, options);
        } catch (MavenInvocationException e) {
            throw new IllegalStateException("cannot run mvn for " + project, e);
        }
    }

    /** The {@code -D} properties of a case's build: its database, the image, and the options'. */
    static Properties properties(TestDatabase database, BuildOptions options) {
        Properties properties = new Properties();
        properties.setProperty("dbmig.it.url", database.url());
        properties.setProperty("dbmig.it.image", TestPostgres.image());
        // where no local pg_dump fits the server, the builds run the test image's (there is no registry to pull from)
        properties.setProperty("dbmig.clientImage", TestPostgres.clientImage());
        if (!options.backups && !TestPostgres.clientProgramsRun()) {
            // no pg_dump for this server version here: upgrades that are not about backups go without one
            properties.setProperty("dbmig.backup.skip", "true");
        }
        properties.putAll(options.properties);
        return properties;
    }

    /** Keeps a build's log in the project as {@code build-<nanos>.log}, failing if it shows a password. */
    static Build kept(
            Path project, String goals, int exitCode, String log, TestDatabase database, BuildOptions options) {
        try {
            Path file = Files.writeString(project.resolve("build-" + System.nanoTime() + ".log"), log);
            List<String> secrets = new ArrayList<>(options.secrets);
            secrets.add(database.password());
            for (String secret : secrets) {
                assertFalse(log.contains(secret), file + " (" + goals + ") shows a password");
            }
            return new Build(exitCode, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local repository the builds use: the plugin staged there, the rest from the user's own. */
    static Path localRepository() {
        return LOCAL_REPO.toAbsolutePath();
    }

    /** The Maven that runs the builds. */
    static Path mavenHome() {
        return Paths.get(MAVEN_HOME);
    }

    private static Path copy(String name) {
        Path source = PROJECTS.resolve(name);
        Path target = WORK.resolve(name + "-" + TestPostgres.image().replaceAll("[^A-Za-z0-9.]", "_"));
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    old.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
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

    /**
     * Settings for the builds: the user's local repository as a remote one, so the staged local repository only
     * needs the plugin; plus the case's own {@code settings-servers.xml} fragment, if any.
     */
    static Path settingsFile(Path project) {
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
            Files.writeString(
                    settings,
                    "<settings><profiles><profile><id>it</id>"
                            + "<repositories><repository>" + repository + "</repository></repositories>"
                            + "<pluginRepositories><pluginRepository>" + repository
                            + "</pluginRepository></pluginRepositories>"
                            + "</profile></profiles><activeProfiles><activeProfile>it</activeProfile></activeProfiles>"
                            + servers + "</settings>");
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
