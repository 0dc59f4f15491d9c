package io.github.dbmig.migration.tables;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who and what changes a database, written into every history row. Nothing here is secret.
 *
 * @param osUser       the operating-system user running the build
 * @param host         the machine it runs on
 * @param project      the Maven project, {@code groupId:artifactId:version}
 * @param gitCommit    the project's git commit, or null outside a git checkout
 * @param dbmigVersion the plugin's version
 */
public record Provenance(String osUser, String host, String project, String gitCommit, String dbmigVersion) {

    /**
     * This build's: the user and host it runs as and on, the project and its git commit, dbmig's version.
     *
     * @param projectDirectory where the project's git checkout is looked for, or null
     * @param environment      the process environment ({@code HOSTNAME} names the host when set)
     */
    public static Provenance ofBuild(
            Path projectDirectory, String project, String dbmigVersion, Map<String, String> environment) {
        String commit =
                projectDirectory == null ? null : GitCommit.of(projectDirectory).orElse(null);
        return new Provenance(System.getProperty("user.name"), hostName(environment), project, commit, dbmigVersion);
    }

    private static String hostName(Map<String, String> environment) {
        String env = environment.get("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
