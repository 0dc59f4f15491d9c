package io.github.dbmig.maven;

import io.github.dbmig.config.GitCommit;
import io.github.dbmig.engine.Provenance;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who runs this build, where, and which build it is, for every history row; never a secret. */
final class MavenProvenance {

    private MavenProvenance() {
    }

    static Provenance of(MavenProject project, PluginDescriptor plugin) {
        String gav = project == null ? null : project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        String commit = project == null || project.getBasedir() == null ? null
                : GitCommit.of(project.getBasedir().toPath()).orElse(null);
        return new Provenance(System.getProperty("user.name"), hostName(), gav, commit,
                plugin == null ? null : plugin.getVersion());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
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
