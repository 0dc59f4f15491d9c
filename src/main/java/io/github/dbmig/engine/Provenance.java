package io.github.dbmig.engine;

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
}
