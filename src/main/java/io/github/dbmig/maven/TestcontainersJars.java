package io.github.dbmig.maven;

import io.github.dbmig.connect.ContainerLauncher;
import io.github.dbmig.errors.SetupException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

import java.nio.file.Path;
import java.util.List;

/**
 * Resolves Testcontainers' PostgreSQL module and its runtime dependencies through Maven's own resolver (its local
 * repository, mirrors and offline mode), for {@code <image>} databases only.
 */
final class TestcontainersJars {

    private TestcontainersJars() {
    }

    static List<Path> resolve(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        String version = ContainerLauncher.testcontainersVersion();
        CollectRequest collect = new CollectRequest(
                new Dependency(new DefaultArtifact("org.testcontainers", "postgresql", "jar", version), "runtime"), repositories);
        try {
            return system.resolveDependencies(session, new DependencyRequest(collect, (node, parents) -> true))
                    .getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .map(artifact -> artifact.getFile().toPath())
                    .toList();
        } catch (DependencyResolutionException e) {
            throw new SetupException("<image> databases need Testcontainers " + version + " (org.testcontainers:postgresql),"
                    + " which Maven could not resolve: " + e.getMessage());
        }
    }
}
