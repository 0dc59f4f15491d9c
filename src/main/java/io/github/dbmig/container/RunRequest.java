package io.github.dbmig.container;

import java.util.List;
import java.util.Map;

/**
 * A container to start in the background.
 *
 * @param name          the container's name, unique: what removes it should starting it fail half-way
 * @param image         the image reference
 * @param labels        its labels
 * @param environment   its environment; the values reach the engine's client through that client's own environment,
 *                      never its command line
 * @param publish       container ports ({@code 5432}) to publish on free ports of the engine's host
 * @param memory        paths in the container that are memory (tmpfs), not its disk
 * @param command       the command to run in place of the image's, or empty for the image's own
 */
public record RunRequest(
        String name,
        String image,
        Map<String, String> labels,
        Map<String, String> environment,
        List<Integer> publish,
        List<String> memory,
        List<String> command) {

    public RunRequest {
        labels = Map.copyOf(labels);
        environment = Map.copyOf(environment);
        publish = List.copyOf(publish);
        memory = List.copyOf(memory);
        command = List.copyOf(command);
    }

    @Override
    public String toString() {
        return image + " " + labels + " " + environment.keySet(); // never the values
    }
}
