package io.github.dbmig.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second Docker client, for tests only: the Docker Engine API over its Unix socket (or plain TCP) with the JDK alone,
 * one HTTP/1.0 request per connection. Checks count and remove containers with it, not with the client under test
 * (dbmig's, which runs the {@code docker} command).
 */
public final class EngineApi {

    private static final int TIMEOUT_MILLIS = 60_000;

    private final Path socket;
    private final String tcpHost;
    private final int tcpPort;

    private EngineApi(Path socket, String tcpHost, int tcpPort) {
        this.socket = socket;
        this.tcpHost = tcpHost;
        this.tcpPort = tcpPort;
    }

    /** The engine named by {@code DOCKER_HOST} ({@code unix://} or {@code tcp://}), else the usual socket. */
    public static EngineApi locate(Map<String, String> environment) {
        String dockerHost = environment.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            URI uri = URI.create(dockerHost.strip());
            if ("unix".equalsIgnoreCase(uri.getScheme())) {
                return new EngineApi(Path.of(uri.getPath()), null, 0);
            }
            return new EngineApi(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
        }
        String home = System.getProperty("user.home");
        String runtime = environment.get("XDG_RUNTIME_DIR");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".docker/desktop/docker.sock")));
        if (runtime != null) {
            candidates.add(Path.of(runtime, "docker.sock"));
            candidates.add(Path.of(runtime, "podman/podman.sock"));
        }
        return candidates.stream()
                .filter(Files::exists)
                .findFirst()
                .map(p -> new EngineApi(p, null, 0))
                .orElse(null);
    }

    /** The host where published container ports are reached. */
    public String publishedHost(Map<String, String> environment) {
        String override = environment.get("TESTCONTAINERS_HOST_OVERRIDE");
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        return tcpHost != null ? tcpHost : "localhost";
    }

    /** Where the engine is, for messages. */
    public String where() {
        return socket != null ? "unix://" + socket : "tcp://" + tcpHost + ":" + tcpPort;
    }

    /** An answer: its HTTP status and body. */
    public record Response(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonElement json() {
            return JsonParser.parseString(body);
        }

        /** The engine's own error message, or the body. */
        public String message() {
            try {
                return json().getAsJsonObject().get("message").getAsString();
            } catch (RuntimeException e) {
                return body.strip().isEmpty() ? "HTTP " + status : body.strip();
            }
        }
    }

    public Response get(String path) throws IOException {
        return request("GET", path, null);
    }

    public Response post(String path, String json) throws IOException {
        return request("POST", path, json);
    }

    public Response delete(String path) throws IOException {
        return request("DELETE", path, null);
    }

    /** A query-string value, URL-encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Response request(String method, String path, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.0\r\nHost: docker\r\n"
                + (json == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + body.length
                + "\r\n\r\n";
        if (socket != null) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return exchange(Channels.newOutputStream(channel), Channels.newInputStream(channel), head, body);
            }
        }
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(tcpHost, tcpPort), TIMEOUT_MILLIS);
            tcp.setSoTimeout(TIMEOUT_MILLIS * 10);
            return exchange(tcp.getOutputStream(), tcp.getInputStream(), head, body);
        }
    }

    private static Response exchange(OutputStream out, InputStream in, String head, byte[] body) throws IOException {
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            throw new IOException("the Docker engine gave no HTTP answer");
        }
        String status = text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4);
        return new Response(Integer.parseInt(status), text.substring(end + 4));
    }
}
