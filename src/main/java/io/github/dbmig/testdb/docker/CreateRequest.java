package io.github.dbmig.testdb.docker;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The body of Docker's {@code POST /containers/create} for a dbmig PostgreSQL container: the image, its superuser with
 * a random password, fsync off, dbmig's labels, and port 5432 published on a free port of the host.
 */
final class CreateRequest {

    private CreateRequest() {}

    static String json(String image, String user, Map<String, String> labels) {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        JsonObject create = new JsonObject();
        create.addProperty("Image", image);
        JsonArray env = new JsonArray();
        env.add("POSTGRES_USER=" + user);
        env.add("POSTGRES_PASSWORD=" + password);
        env.add("POSTGRES_DB=" + user);
        create.add("Env", env);
        JsonArray cmd = new JsonArray();
        for (String word : new String[] {"postgres", "-c", "fsync=off", "-c", "max_connections=200"}) {
            cmd.add(word);
        }
        create.add("Cmd", cmd);
        JsonObject labelJson = new JsonObject();
        labelJson.addProperty(Containers.LABEL, "true");
        labels.forEach(labelJson::addProperty);
        create.add("Labels", labelJson);
        JsonObject exposed = new JsonObject();
        exposed.add("5432/tcp", new JsonObject());
        create.add("ExposedPorts", exposed);
        JsonObject binding = new JsonObject();
        binding.addProperty("HostPort", "");
        JsonArray bindings = new JsonArray();
        bindings.add(binding);
        JsonObject ports = new JsonObject();
        ports.add("5432/tcp", bindings);
        JsonObject hostConfig = new JsonObject();
        hostConfig.add("PortBindings", ports);
        create.add("HostConfig", hostConfig);
        return create.toString();
    }
}
