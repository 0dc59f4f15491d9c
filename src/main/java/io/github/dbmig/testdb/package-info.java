/**
 * Databases for a project's integration tests, from {@code dbmig:start} to {@code dbmig:stop} ({@link TestDatabases}),
 * and where any goal finds an {@code <image>} database ({@link ImageDatabases}): reused containers and their template
 * copies (one per build, each marked with the build that owns it), test data, what start publishes and what it leaves
 * for stop in the build's store. It builds on goal (to migrate), testdb.docker, connect, config, checksum, script,
 * errors and log.
 */
package io.github.dbmig.testdb;
