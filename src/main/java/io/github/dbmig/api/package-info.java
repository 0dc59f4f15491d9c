/**
 * The one door to dbmig for a build tool, in the spirit of Flyway's {@code Flyway} and Jib's {@code Jib}: {@link Dbmig}
 * runs each goal as one call with a request, on one database or a fleet, given the build ({@link Build}) and what it
 * selects ({@link Selection}). It may use every wing below it (goal, fleet, rehearse, testdb, backup, migration.tables,
 * script, config, log); the Maven layer imports only this package, config, errors and log.
 */
package io.github.dbmig.api;
