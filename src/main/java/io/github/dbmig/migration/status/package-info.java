/**
 * Where a database stands against its scripts, read without changing anything: the rows of {@code dbmig:status} and
 * everything {@code dbmig:verify} checks ({@link Verifier}, the verify scripts). It depends on migration.session,
 * migration.tables, schema, script and log.
 */
package io.github.dbmig.migration.status;
