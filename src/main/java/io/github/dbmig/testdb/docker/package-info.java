/**
 * dbmig's own Docker client, with no Docker library (JDK sockets and Gson): PostgreSQL containers started, found by
 * their labels and removed through the Docker Engine API ({@link Containers}, {@link DockerEngine}), and the
 * {@link Reaper}, which removes those not kept for reuse even when the build fails or is interrupted. It depends only
 * on errors and log.
 */
package io.github.dbmig.testdb.docker;
