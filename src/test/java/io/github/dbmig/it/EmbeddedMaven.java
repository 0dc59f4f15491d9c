package io.github.dbmig.it;

import io.github.dbmig.testing.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Maven's embedded CLI ({@code org.apache.maven.cli.MavenCli} of maven-embedder), loaded once into the test's JVM and
 * run build after build in it, as the Maven daemon (mvnd) runs builds: the JVM, and so every shutdown hook and static
 * field, outlives each build. It is the Maven that runs the other builds ({@code dbmig.it.mavenHome}), its own jars in
 * a class loader of their own as {@code mvn} has them, not the test's classpath (which holds dbmig's classes and
 * another maven-core); the plugin comes from the staged local repository, as in every case.
 */
final class EmbeddedMaven implements AutoCloseable {

    private final URLClassLoader maven;
    private final Method doMain;
    private final Class<?> cli;

    EmbeddedMaven(Path home) throws Exception {
        // what bin/m2.conf loads: the logging configuration, then the jars
        List<URL> jars =
                new ArrayList<>(List.of(home.resolve("conf/logging").toUri().toURL()));
        for (String folder : List.of("boot", "lib")) {
            try (Stream<Path> files = Files.list(home.resolve(folder))) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar"))
                        .sorted()
                        .toList()) {
                    jars.add(jar.toUri().toURL());
                }
            }
        }
        maven = new URLClassLoader("embedded-maven", jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        cli = maven.loadClass("org.apache.maven.cli.MavenCli");
        doMain = cli.getMethod("doMain", String[].class, String.class, PrintStream.class, PrintStream.class);
    }

    /**
     * Runs one build of the case's copy in this JVM ({@code mvn -B} with the case's settings, local repository and
     * properties); its log is kept and checked for passwords as {@link MavenBuilds#build} does.
     */
    MavenBuilds.Build build(Path project, String goals, TestDatabase database, BuildOptions options) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "-B",
                "-s",
                MavenBuilds.settingsFile(project).toString(),
                "-Dmaven.repo.local=" + MavenBuilds.localRepository()));
        MavenBuilds.properties(database, options).forEach((key, value) -> args.add("-D" + key + "=" + value));
        args.addAll(Arrays.asList(goals.trim().split("\\s+")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        // what bin/mvn sets; MavenCli reads them as system properties
        Map<String, String> saved = setSystemProperties(Map.of(
                "maven.multiModuleProjectDirectory",
                project.toString(),
                "maven.home",
                home(),
                "maven.conf",
                home() + "/conf",
                "jansi.mode",
                "strip"));
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(maven);
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exit = (int) doMain.invoke(
                    cli.getConstructor().newInstance(), args.toArray(String[]::new), project.toString(), out, out);
        } finally {
            thread.setContextClassLoader(context);
            setSystemProperties(saved);
        }
        return MavenBuilds.kept(project, goals, exit, bytes.toString(StandardCharsets.UTF_8), database, options);
    }

    private static String home() {
        return MavenBuilds.mavenHome().toAbsolutePath().toString();
    }

    /** Sets these system properties (null clears one); returns what they were. */
    private static Map<String, String> setSystemProperties(Map<String, String> values) {
        Map<String, String> before = new HashMap<>();
        values.forEach((key, value) -> {
            before.put(key, System.getProperty(key));
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        return before;
    }

    @Override
    public void close() {
        try {
            maven.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
