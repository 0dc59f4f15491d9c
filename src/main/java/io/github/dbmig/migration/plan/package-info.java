/**
 * What a run will do, decided before anything runs: the {@link Planner}, with every check that can be made before the
 * first statement, and the {@link Plan} that a real run executes and a dry run renders as SQL. It depends on
 * migration.session, migration.tables, connect, script and errors.
 */
package io.github.dbmig.migration.plan;
