package io.github.dbmig.config;

import io.github.dbmig.container.ImageReference;
import io.github.dbmig.errors.SetupException;

import java.util.Locale;

/**
 * How dbmig reaches a container engine, and where PostgreSQL's client programs (pg_dump, pg_restore, psql) come from.
 *
 * @param dockerExecutable the engine's command-line client: {@code docker}, {@code podman}, or a path to one
 * @param clientTools      {@link ClientSource#LOCAL} programs only, programs run from an image
 *                         ({@link ClientSource#CONTAINER}), or local ones when a suitable one is found and else the
 *                         image's ({@link ClientSource#AUTO})
 * @param clientImage      the image the programs run from, or null for the official {@code postgres:<major>}; without
 *                         a tag or digest, the server's major version is its tag
 * @param dataInMemory     whether dbmig's PostgreSQL containers keep their data directory in memory (a tmpfs), which
 *                         makes creating and copying databases several times faster than on the container's disk
 */
public record ContainerOptions(
        String dockerExecutable, ClientSource clientTools, ImageReference clientImage, boolean dataInMemory) {

    /** Where client programs come from. */
    public enum ClientSource {
        LOCAL,
        CONTAINER,
        AUTO
    }

    /** {@code docker}, client programs found locally or else run from {@code postgres:<major>}. */
    public static final ContainerOptions DEFAULT = new ContainerOptions("docker", ClientSource.AUTO, null, true);

    /**
     * The options as written; each is checked, and a wrong one named with its parameter and property.
     *
     * @param dockerExecutable {@code <dockerExecutable>}, or null for {@code docker}
     * @param clientTools      {@code <clientTools>}, or null for {@code auto}
     * @param clientImage      {@code <clientImage>}, or null
     * @param dataInMemory     {@code <containerDataInMemory>}
     */
    public static ContainerOptions parse(
            String dockerExecutable, String clientTools, String clientImage, boolean dataInMemory) {
        String executable = Values.blankToNull(dockerExecutable);
        ClientSource source;
        String tools = Values.blankToNull(clientTools);
        try {
            source = tools == null ? ClientSource.AUTO : ClientSource.valueOf(tools.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SetupException("<clientTools>" + tools + "</clientTools> (dbmig.clientTools) is not one of local,"
                    + " container, auto. Use auto (the default) to run pg_dump from an image only where no local one of"
                    + " the server's version is found.");
        }
        ImageReference image = null;
        String imageText = Values.blankToNull(clientImage);
        if (imageText != null) {
            try {
                image = ImageReference.parse(imageText);
            } catch (IllegalArgumentException e) {
                throw new SetupException("<clientImage> (dbmig.clientImage): " + e.getMessage()
                        + " Name an image with PostgreSQL's client programs, such as postgres:17 or"
                        + " registry.example.com/mirror/postgres.");
            }
        }
        return new ContainerOptions(executable == null ? "docker" : executable, source, image, dataInMemory);
    }

    /** The image whose client programs serve a server of this major version. */
    public String clientImage(int serverMajor) {
        if (clientImage == null) {
            return "postgres:" + serverMajor;
        }
        return clientImage.untagged()
                ? clientImage.withTag(Integer.toString(serverMajor)).toString()
                : clientImage.toString();
    }
}
