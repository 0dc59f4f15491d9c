/**
 * One goal over many databases: the databases a pattern stands for ({@link Discovery}), the parallel run with its table
 * at the end ({@link Fleet}, {@link FleetRun}, {@link FleetReport}), shards for parallel CI jobs and the merge of their
 * reports, and the rule for relative downgrades. It builds on goal, testdb (to open {@code <image>} databases),
 * migration.execution (a run's failure), connect, config, checksum, script, errors and log.
 */
package io.github.dbmig.fleet;
