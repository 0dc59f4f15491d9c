/**
 * The exceptions a dbmig failure is, each with a message complete on its own and free of secrets:
 * {@link SetupException} for a broken setup, {@link MigrationFailedException} for an expected failure (a failing
 * script, drift, a lock not had in time). It depends on nothing of dbmig's; every package may use it.
 */
package io.github.dbmig.errors;
