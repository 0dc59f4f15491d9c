/**
 * dbmig's PostgreSQL containers, on the container engine's seam ({@code container}): started with a random password
 * and dbmig's labels, found again by those labels, made ready by a real login, and removed ({@link Containers}); and
 * the {@link Reaper}, which removes those not kept for reuse even when the build fails or is interrupted. It depends
 * only on container, errors, exit and log.
 */
package io.github.dbmig.testdb.docker;
