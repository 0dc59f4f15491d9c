package io.github.dbmig.backup;

import io.github.dbmig.config.ContainerOptions;
import io.github.dbmig.config.ContainerOptions.ClientSource;
import io.github.dbmig.container.ContainerEngine;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Client programs run from an image through the container engine, for a machine with only Docker installed: the
 * official {@code postgres:<major>} image of the server's major version, or {@code <clientImage>}. The image is made
 * ready (pulled when missing) once per run, and the log says which program runs from where.
 */
public final class ClientImages {

    private final ContainerEngine engine;
    private final ContainerOptions options;
    private final Log log;
    private final Map<String, Integer> ready = new HashMap<>();

    /**
     * @param engine  the engine that runs the images, or null for none
     * @param options {@code <clientTools>} and {@code <clientImage>}
     */
    public ClientImages(ContainerEngine engine, ContainerOptions options, Log log) {
        this.engine = engine;
        this.options = options;
        this.log = log;
    }

    /** Local programs only. */
    public static ClientImages none() {
        return new ClientImages(null, new ContainerOptions("docker", ClientSource.LOCAL, null, true), Log.NONE);
    }

    /** Where programs come from: {@code local}, {@code container} or {@code auto}. */
    public ClientSource source() {
        return engine == null ? ClientSource.LOCAL : options.clientTools();
    }

    /**
     * The program {@code name} of the image for a server of major version {@code serverMajor}, once the engine answers
     * and holds the image; fails saying why not.
     *
     * @param why why no local program serves, for the log; or null when the image is asked for
     */
    synchronized PgTool tool(String name, int serverMajor, String why, ProcessRunner runner) {
        String image = options.clientImage(serverMajor);
        Integer major = ready.get(image);
        if (major == null) {
            major = prepare(image, serverMajor, runner);
            ready.put(image, major);
            log.info((why == null ? "<clientTools>container</clientTools>: " : why + "; ") + "PostgreSQL's client"
                    + " programs run from image " + image + " (PostgreSQL " + major + ") through " + engine.describe()
                    + ".");
        }
        return PgTool.inImage(name, major, image, engine);
    }

    private int prepare(String image, int serverMajor, ProcessRunner runner) {
        try {
            engine.ping();
            if (!engine.hasImage(image)) {
                log.info("Pulling " + image + " for PostgreSQL's client programs...");
                engine.pull(image);
            }
        } catch (IOException e) {
            throw new SetupException("PostgreSQL's client programs cannot run from image " + image + ": "
                    + e.getMessage()
                    + (options.clientTools() == ClientSource.CONTAINER
                            ? " Start the container engine, or install the PostgreSQL " + serverMajor + " client"
                                    + " programs and set <clientTools>auto</clientTools>."
                            : ""));
        }
        if (options.clientImage() == null || options.clientImage().untagged()) {
            return serverMajor; // postgres:<major>, or a mirror tagged with the major version
        }
        int major = major(image, runner);
        if (major < serverMajor) {
            throw new SetupException("<clientImage>" + image + "</clientImage> holds PostgreSQL " + major
                    + "'s client programs, older than the server's major version " + serverMajor + ": name an image"
                    + " of PostgreSQL " + serverMajor + " or newer, or leave the tag out to get the server's.");
        }
        return major;
    }

    /** Asks the image's pg_dump for its version. */
    private int major(String image, ProcessRunner runner) {
        int major = ClientTools.majorVersion(
                engine.runCommand(
                        image,
                        List.of(),
                        false,
                        List.of(),
                        "dbmig-client-" + UUID.randomUUID().toString().substring(0, 13),
                        List.of("pg_dump", "--version")),
                runner);
        if (major < 0) {
            throw new SetupException("<clientImage>" + image + "</clientImage> has no pg_dump that answers"
                    + " --version as PostgreSQL's does. Name an image with PostgreSQL's client programs, such as"
                    + " postgres:17.");
        }
        return major;
    }
}
