package io.github.dbmig.container;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference taken apart as the engine reads it: {@code [registry[:port]/]path[:tag][@digest]}, such as
 * {@code postgres:17}, {@code registry.corp:5000/mirror/postgres:17-alpine} or {@code postgres@sha256:<64 hex>}. The
 * first part of the path is a registry when it holds a dot or a colon or is {@code localhost}, as Docker decides.
 *
 * @param registry the registry's host, or null for Docker Hub
 * @param port     the registry's port, or null
 * @param path     the repository's path ({@code postgres}, {@code mirror/postgres})
 * @param tag      the tag, or null
 * @param digest   the digest ({@code sha256:…}), or null
 */
public record ImageReference(String registry, Integer port, String path, String tag, String digest) {

    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:]+]");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}");

    public ImageReference {
        Objects.requireNonNull(path, "path");
    }

    /**
     * The reference {@code text} names; fails with a sentence that says which part is wrong and what it should look
     * like.
     */
    public static ImageReference parse(String text) {
        String whole = text == null ? "" : text.strip();
        if (whole.isEmpty()) {
            throw new IllegalArgumentException("is empty; name an image such as postgres:17");
        }
        String rest = whole;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw wrong(
                        whole,
                        "its digest " + digest + " is not an algorithm and hex digits, such as sha256:<64 hex"
                                + " digits>");
            }
        }
        String registry = null;
        Integer port = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                int colon = first.startsWith("[") ? first.indexOf(':', first.indexOf(']')) : first.lastIndexOf(':');
                registry = colon < 0 ? first : first.substring(0, colon);
                if (colon >= 0) {
                    port = port(whole, first.substring(colon + 1));
                }
                if (!HOST.matcher(registry).matches()) {
                    throw wrong(whole, "its registry " + registry + " is not a host name");
                }
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw wrong(
                        whole,
                        "its tag " + tag + " may hold only letters, digits, '_', '.' and '-' (at most 128,"
                                + " not starting with '.' or '-')");
            }
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw wrong(
                        whole,
                        component.isEmpty()
                                ? "its repository path has an empty part"
                                : "its repository path part " + component
                                        + " may hold only lowercase letters, digits and"
                                        + " single separators ('.', '_', '__', '-')");
            }
        }
        if (whole.length() > 255 + (digest == null ? 0 : digest.length() + 1)) {
            throw wrong(whole, "its name is longer than 255 characters");
        }
        return new ImageReference(registry, port, rest, tag, digest);
    }

    private static Integer port(String whole, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw wrong(whole, "its registry port " + text + " is not a number from 1 to 65535");
    }

    private static IllegalArgumentException wrong(String whole, String why) {
        return new IllegalArgumentException(whole + " is not an image reference: " + why + ".");
    }

    /** The registry with its port and the path: what a tag or digest is added to. */
    public String repository() {
        String host = registry == null ? "" : registry + (port == null ? "" : ":" + port) + "/";
        return host + path;
    }

    /** The same repository with this tag and no digest. */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, port, path, newTag, null);
    }

    /** Whether it names neither a tag nor a digest (and so means {@code latest}). */
    public boolean untagged() {
        return tag == null && digest == null;
    }

    @Override
    public String toString() {
        return repository() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
