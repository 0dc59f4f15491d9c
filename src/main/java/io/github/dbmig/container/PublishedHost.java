package io.github.dbmig.container;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a build reaches the ports a container publishes, as Testcontainers decides it:
 * {@code TESTCONTAINERS_HOST_OVERRIDE}; else the host of a {@code tcp://} or {@code ssh://} engine; else, for a build
 * that itself runs in a container ({@code /.dockerenv} or {@code /run/.containerenv}) and reaches the engine of the
 * machine it runs on through a socket mounted from there, its default gateway, where that machine publishes ports;
 * else (also for an engine that runs in the build's own container, whose socket listens in the build's network
 * namespace) {@code localhost}.
 */
final class PublishedHost {

    private PublishedHost() {}

    static String of(Map<String, String> environment, Supplier<String> endpoint) {
        return of(environment, endpoint, Path.of("/"));
    }

    /** As {@link #of(Map, Supplier)}, with the file system's root given (a test's tree). */
    static String of(Map<String, String> environment, Supplier<String> endpoint, Path root) {
        String override =
                environment.getOrDefault("TESTCONTAINERS_HOST_OVERRIDE", "").strip();
        if (!override.isEmpty()) {
            return override;
        }
        String where = endpoint.get();
        String host = networkHost(where);
        if (host != null) {
            return host;
        }
        return beside(where, root)
                ? "localhost"
                : gateway(root.resolve("proc/net/route")).orElse("localhost");
    }

    /**
     * Whether the engine sees this machine's files at the same paths: it is reached through a local socket or pipe
     * (not {@code tcp://} or {@code ssh://}), and, for a build in a container, its socket listens in the build's own
     * namespace (the engine of the machine the build's container runs on would see that machine's files instead).
     */
    static boolean sharesFiles(Supplier<String> endpoint, Path root) {
        String where = endpoint.get();
        return networkHost(where) == null && beside(where, root);
    }

    /**
     * Whether an engine reached through a local socket or pipe runs on the machine the build runs on: the build is not
     * in a container ({@code /.dockerenv}, {@code /run/.containerenv}), or the socket listens in its own namespace.
     */
    private static boolean beside(String endpoint, Path root) {
        boolean inContainer =
                Files.exists(root.resolve(".dockerenv")) || Files.exists(root.resolve("run/.containerenv"));
        return !inContainer || listensHere(root.resolve("proc/net/unix"), socketPath(endpoint));
    }

    /** The path of a {@code unix://} endpoint; Docker's default socket when none is known. */
    private static String socketPath(String endpoint) {
        if (endpoint != null && endpoint.strip().startsWith("unix://")) {
            return endpoint.strip().substring("unix://".length());
        }
        return "/var/run/docker.sock";
    }

    /**
     * Whether a socket at {@code path} listens in this network namespace ({@code /proc/net/unix} lists it with the
     * accepting flag): the engine runs beside the build, and publishes its ports on this loopback.
     */
    static boolean listensHere(Path unixSockets, String path) {
        try {
            for (String line : Files.readAllLines(unixSockets)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length >= 8 && fields[7].equals(path) && fields[3].equals("00010000")) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** The host of a {@code tcp://}, {@code http(s)://} or {@code ssh://} endpoint; null for a local socket or pipe. */
    static String networkHost(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(endpoint.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean network = List.of("tcp", "http", "https", "ssh").contains(scheme);
            return network && uri.getHost() != null ? uri.getHost() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The default route's gateway in Linux's {@code /proc/net/route} (little-endian hex), if there is one. */
    static Optional<String> gateway(Path route) {
        try {
            for (String line : Files.readAllLines(route)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 2 && fields[1].equals("00000000") && fields[2].matches("[0-9A-Fa-f]{8}")) {
                    long value = Long.parseLong(fields[2], 16);
                    return Optional.of((value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "."
                            + (value >> 24 & 0xff));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code uid:gid} of a file's owner, where the file system has them: a container writes as that user. */
    static Optional<String> owner(Path file) {
        try {
            return Optional.of(Files.getAttribute(file, "unix:uid") + ":" + Files.getAttribute(file, "unix:gid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
