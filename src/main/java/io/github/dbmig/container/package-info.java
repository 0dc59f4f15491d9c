/**
 * The seam between dbmig and a container engine ({@link ContainerEngine}) and its filling, the engine's own
 * command-line client ({@link DockerCli}: {@code docker}, or {@code podman} through {@code <dockerExecutable>}), which
 * brings Docker contexts, TLS, {@code ssh://}, Windows named pipes and registry credentials with it. Also what an image
 * reference is made of ({@link ImageReference}). It knows nothing of PostgreSQL or of dbmig's labels: the test-database
 * wing ({@code testdb.docker}) and the client programs run from an image ({@code backup}) build on it. It depends only
 * on log.
 */
package io.github.dbmig.container;
