package io.github.dbmig.backup;

import io.github.dbmig.container.ContainerEngine;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A PostgreSQL client program and its major version: a local executable, or the program of that name in an image,
 * run through the container engine.
 *
 * @param name  pg_dump, pg_restore or psql
 * @param path  the local executable, or null when it runs from {@code image}
 * @param major its major version
 * @param image the image it runs from, or null for a local one
 * @param engine the engine that runs the image, or null for a local one
 */
public record PgTool(String name, Path path, int major, String image, ContainerEngine engine) {

    /** The libpq variables a program in a container is given, by name: their values stay in the environment. */
    static final List<String> LIBPQ_VARIABLES = List.of(
            "PGHOST",
            "PGPORT",
            "PGDATABASE",
            "PGUSER",
            "PGPASSWORD",
            "PGSSLMODE",
            "PGSSLROOTCERT",
            "PGSSLCERT",
            "PGSSLKEY",
            "PGAPPNAME",
            "PGCONNECT_TIMEOUT");

    /** A local executable. */
    public static PgTool local(Path path, int major) {
        String file = path.getFileName().toString();
        String name = file.toLowerCase(Locale.ROOT).endsWith(".exe") ? file.substring(0, file.length() - 4) : file;
        return new PgTool(name, path, major, null, null);
    }

    /** The program {@code name} of {@code image}, run through {@code engine}. */
    public static PgTool inImage(String name, int major, String image, ContainerEngine engine) {
        return new PgTool(name, null, major, image, engine);
    }

    /** Whether it runs in a container: files reach it through its standard input and output, or mounts. */
    public boolean inContainer() {
        return image != null;
    }

    /** Whether it reads and writes this machine's files by their paths: a local one, or one of a local engine. */
    public boolean seesFiles() {
        return !inContainer() || engine.sharesFiles();
    }

    /**
     * A run of it with {@code args}, connecting as {@code env} says; one in a container is removed should the run be
     * stopped before its end.
     *
     * @param mounts directories (or files) it reads or writes by name: a program in a container sees them at the same
     *               path
     * @param stdout receives its output, or null; {@code stdin} is fed to it, or null (see
     *               {@link ProcessRunner.Command})
     */
    ProcessRunner.Command command(
            List<String> args,
            ClientEnvironment env,
            List<Path> mounts,
            OutputStream stdout,
            InputStream stdin,
            Progress progress,
            LongSupplier size) {
        if (!inContainer()) {
            return new ProcessRunner.Command(
                    argv(args, env, mounts, null), env.variables(), stdout, stdin, progress, size);
        }
        String container = "dbmig-client-" + UUID.randomUUID().toString().substring(0, 13);
        Map<String, String> variables = new HashMap<>(env.variables());
        for (String variable : List.of("PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY")) {
            // bound at its absolute path, which is where the program in the container must look (its directory is /)
            variables.computeIfPresent(
                    variable, (name, file) -> Path.of(file).toAbsolutePath().toString());
        }
        return new ProcessRunner.Command(
                argv(args, env, mounts, container),
                variables,
                stdout,
                stdin,
                progress,
                size,
                engine.removeCommand(container));
    }

    /** The command line that runs it; {@code container} names the container it runs in, if it does. */
    List<String> argv(List<String> args, ClientEnvironment env, List<Path> mounts, String container) {
        if (!inContainer()) {
            List<String> argv = new ArrayList<>(List.of(path.toString()));
            argv.addAll(args);
            return argv;
        }
        List<String> bound = new ArrayList<>();
        mounts.forEach(mount -> bound.add(mount.toAbsolutePath().toString()));
        for (String variable : List.of("PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY")) {
            String file = env.variables().get(variable);
            if (file != null && Files.exists(Path.of(file))) {
                bound.add(Path.of(file).toAbsolutePath().toString());
            }
        }
        List<String> argv = new ArrayList<>(List.of(name));
        argv.addAll(args);
        return engine.runCommand(
                image, LIBPQ_VARIABLES, loopback(env.variables().get("PGHOST")), bound, container, argv);
    }

    /** A server on this machine's loopback is reached from a container through the host's network. */
    private static boolean loopback(String host) {
        if (host == null || host.isBlank() || host.startsWith("/")) {
            return true; // libpq's default: this machine
        }
        try {
            return host.equalsIgnoreCase("localhost")
                    || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** As the log names it: {@code pg_dump 15}, or {@code pg_dump 17 from image postgres:17}. */
    @Override
    public String toString() {
        return name + " " + major + (inContainer() ? " from image " + image : "");
    }
}
