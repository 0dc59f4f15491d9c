package io.github.dbmig.container;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What dbmig asks of a container engine, and nothing more: whether it answers, images (present, pulled), containers
 * started, found by their labels, inspected, read and removed. Every call has a time limit; a failure is an
 * {@link EngineException} whose message names the engine ({@link #describe()}) and what it said.
 */
public interface ContainerEngine {

    /** The engine, for messages: its client program and where that client reaches it, never a secret. */
    String describe();

    /** Fails, saying why, when the engine does not answer. */
    void ping() throws IOException;

    /** Whether the engine holds this image already. */
    boolean hasImage(String image) throws IOException;

    /** Pulls the image, with the credentials the engine's client holds for its registry. */
    void pull(String image) throws IOException;

    /** Starts a container in the background; its id. */
    String run(RunRequest request) throws IOException;

    /** The engine's description of each of these containers that still exists, in the engine's own JSON. */
    List<JsonObject> inspect(List<String> ids) throws IOException;

    /** One container's description; empty when it is gone. */
    default Optional<JsonObject> inspect(String id) throws IOException {
        return inspect(List.of(id)).stream().findFirst();
    }

    /** The ids of the containers that carry every one of these labels, running or not (exited, created). */
    List<String> all(Map<String, String> labels) throws IOException;

    /** Removes a container and its anonymous volumes, running or not; quietly when it is gone. JDK code only. */
    void remove(String id) throws IOException;

    /** The last lines a container wrote. */
    String logs(String id, int lines) throws IOException;

    /**
     * Where this build reaches the ports a container publishes: {@code TESTCONTAINERS_HOST_OVERRIDE} when set, else the
     * engine's host when it is reached over the network, else, for a build that itself runs in a container, that
     * container's default gateway; else {@code localhost}.
     */
    String publishedHost() throws IOException;

    /**
     * Whether the engine sees this machine's files at the same paths (a local engine), so that a container may be
     * given a file by binding it rather than through its standard input or output.
     */
    boolean sharesFiles();

    /**
     * The command line that runs {@code argv} (its first word the program, in place of the image's entrypoint) in a
     * new container of {@code image} that is removed when it ends, its
     * standard input and output those of the returned command, each of {@code environmentNames} passed from the
     * command's own environment (so that no value, a password least of all, is on a command line), on the host's
     * network when {@code hostNetwork}, and each of {@code mounts} bound at the same path. The container is named
     * {@code name}, so that {@link #removeCommand} ends it should its client be stopped first, and its program runs
     * under an init that passes signals on.
     */
    List<String> runCommand(
            String image,
            List<String> environmentNames,
            boolean hostNetwork,
            List<String> mounts,
            String name,
            List<String> argv);

    /** The command line that removes the container {@code name}, running or not. */
    List<String> removeCommand(String name);
}
