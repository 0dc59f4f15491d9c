package io.github.dbmig.container;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dbmig.log.Redactor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link ContainerEngine} reached through the engine's own command-line client, {@code docker} (or a client that
 * speaks its language, such as {@code podman}), as Jib's {@code jib:dockerBuild} does: whatever that client is set up
 * to reach (its current context or {@code DOCKER_CONTEXT}, {@code DOCKER_HOST} with TLS, {@code ssh://}, a Windows
 * named pipe, a rootless socket) and whatever credentials it holds for a registry work for dbmig as they work for
 * {@code docker pull}. Values a container gets through its environment reach the client through the client's own
 * environment, never its command line. Every call has a time limit and names the engine when it fails.
 */
public final class DockerCli implements ContainerEngine {

    /** How long a call may take, a pull apart. */
    public static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    /** How long a pull may take. */
    public static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);

    private final CliCalls calls;
    private final Map<String, String> environment;
    private final Duration timeout;
    private String publishedHost;
    private Boolean sharesFiles;
    private String endpoint;
    private boolean endpointAsked;

    private DockerCli(CliCalls calls, Map<String, String> environment, Duration timeout) {
        this.calls = calls;
        this.environment = environment;
        this.timeout = timeout;
    }

    /**
     * The engine that {@code executable} reaches.
     *
     * @param executable  {@code docker}, {@code podman}, or a path to one of them
     * @param environment the build's environment: the client finds its engine and its settings there
     */
    public static DockerCli of(String executable, Map<String, String> environment) {
        return of(executable, environment, CALL_TIMEOUT);
    }

    /** As {@link #of(String, Map)}, each call but a pull given {@code timeout}. */
    static DockerCli of(String executable, Map<String, String> environment, Duration timeout) {
        return new DockerCli(
                new CliCalls(executable, environment, describe(executable, environment)), environment, timeout);
    }

    private static String describe(String executable, Map<String, String> environment) {
        String name = Path.of(executable).getFileName().toString();
        String kind = name.toLowerCase(Locale.ROOT).contains("podman") ? "Podman" : "Docker";
        String dockerHost = environment
                .getOrDefault(kind.equals("Podman") ? "CONTAINER_HOST" : "DOCKER_HOST", "")
                .strip();
        String context = environment.getOrDefault("DOCKER_CONTEXT", "").strip();
        String where = !dockerHost.isEmpty()
                ? (kind.equals("Podman") ? "CONTAINER_HOST=" : "DOCKER_HOST=") + Redactor.maskUrls(dockerHost)
                : !context.isEmpty() ? "DOCKER_CONTEXT=" + context : "its current context";
        return "the " + kind + " engine that " + name + " reaches (" + where + ")";
    }

    @Override
    public String describe() {
        return calls.engine();
    }

    @Override
    public void ping() throws IOException {
        calls.ok(timeout, Map.of(), "version", "--format", "{{.Server.Version}}");
    }

    @Override
    public boolean hasImage(String image) throws IOException {
        CliCalls.Output output = calls.call(timeout, Map.of(), "image", "inspect", "--format", "{{.Id}}", image);
        if (output.ok()) {
            return true;
        }
        if (output.says("no such image") || output.says("image not known") || output.says("failed to find image")) {
            return false;
        }
        throw calls.failure("image inspect", output);
    }

    @Override
    public void pull(String image) throws IOException {
        calls.ok(PULL_TIMEOUT, Map.of(), "pull", "--quiet", image);
    }

    @Override
    public String run(RunRequest request) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", request.name()));
        request.labels().forEach((key, value) -> args.addAll(List.of("--label", key + "=" + value)));
        request.environment().keySet().stream().sorted().forEach(name -> args.addAll(List.of("--env", name)));
        request.publish().forEach(port -> args.addAll(List.of("--publish", Integer.toString(port))));
        request.memory().forEach(path -> args.addAll(List.of("--tmpfs", path)));
        args.add(request.image());
        args.addAll(request.command());
        String out = calls.ok(timeout, request.environment(), args.toArray(String[]::new));
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    @Override
    public List<JsonObject> inspect(List<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("container", "inspect"));
        args.addAll(ids);
        CliCalls.Output output = calls.call(timeout, Map.of(), args.toArray(String[]::new));
        boolean someGone = !output.ok() && output.allErrorsSay("no such");
        if (!output.ok() && !someGone) {
            throw calls.failure("container inspect", output);
        }
        List<JsonObject> found = new ArrayList<>();
        String json = output.stdout().strip();
        if (json.startsWith("[")) {
            for (JsonElement each : JsonParser.parseString(json).getAsJsonArray()) {
                found.add(each.getAsJsonObject());
            }
        }
        return found;
    }

    @Override
    public List<String> all(Map<String, String> labels) throws IOException {
        List<String> args = new ArrayList<>(List.of("ps", "--all", "--quiet", "--no-trunc"));
        labels.forEach((key, value) -> args.addAll(List.of("--filter", "label=" + key + "=" + value)));
        String out = calls.ok(timeout, Map.of(), args.toArray(String[]::new));
        return Arrays.stream(out.split("\\R"))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .toList();
    }

    @Override
    public void remove(String id) throws IOException {
        CliCalls.Output output = calls.call(timeout, Map.of(), "rm", "--force", "--volumes", id);
        if (!output.ok() && !output.allErrorsSay("no such")) {
            throw calls.failure("rm", output);
        }
    }

    @Override
    public String logs(String id, int lines) throws IOException {
        CliCalls.Output output = calls.call(timeout, Map.of(), "logs", "--tail", Integer.toString(lines), id);
        return output.stdout() + output.stderr();
    }

    @Override
    public synchronized String publishedHost() throws IOException {
        if (publishedHost == null) {
            publishedHost = PublishedHost.of(environment, this::endpoint);
        }
        return publishedHost;
    }

    @Override
    public synchronized boolean sharesFiles() {
        if (sharesFiles == null) {
            sharesFiles = PublishedHost.sharesFiles(this::endpoint, Path.of("/"));
        }
        return sharesFiles;
    }

    /** Where the client reaches the engine, asked once; null when not known. */
    private synchronized String endpoint() {
        if (!endpointAsked) {
            endpoint = askEndpoint();
            endpointAsked = true;
        }
        return endpoint;
    }

    /** Where the client reaches the engine: {@code DOCKER_HOST}, else its context's endpoint; null when not known. */
    private String askEndpoint() {
        String dockerHost = environment.getOrDefault("DOCKER_HOST", "").strip();
        if (!dockerHost.isEmpty()) {
            return dockerHost;
        }
        try {
            CliCalls.Output output =
                    calls.call(timeout, Map.of(), "context", "inspect", "--format", "{{.Endpoints.docker.Host}}");
            return output.ok() ? output.stdout().strip() : null;
        } catch (IOException e) {
            return null; // a client without contexts (podman): its engine is local
        }
    }

    @Override
    public List<String> runCommand(
            String image,
            List<String> environmentNames,
            boolean hostNetwork,
            List<String> mounts,
            String name,
            List<String> argv) {
        List<String> command =
                new ArrayList<>(List.of(calls.executable(), "run", "--rm", "--interactive", "--init", "--name", name));
        if (hostNetwork) {
            command.addAll(List.of("--network", "host"));
        }
        environmentNames.forEach(variable -> command.addAll(List.of("--env", variable)));
        for (String mount : mounts) {
            command.addAll(List.of("--mount", "type=bind,source=" + mount + ",target=" + mount));
        }
        // what it writes belongs to whoever owns the directory it writes into (this build), not to the image's root
        mounts.stream()
                .map(Path::of)
                .filter(Files::isDirectory)
                .findFirst()
                .flatMap(PublishedHost::owner)
                .ifPresent(user -> command.addAll(List.of("--user", user)));
        command.addAll(List.of("--entrypoint", argv.get(0), image)); // whatever the image's own entrypoint does
        command.addAll(argv.subList(1, argv.size()));
        return command;
    }

    @Override
    public List<String> removeCommand(String name) {
        return List.of(calls.executable(), "rm", "--force", name);
    }
}
