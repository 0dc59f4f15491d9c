package io.github.dbmig.config;

/**
 * How a goal goes over several databases, as the command line gives it.
 *
 * @param parallel {@code -Ddbmig.parallel}, as written, or null
 * @param failFast {@code -Ddbmig.failFast}: start no further database once one has failed
 * @param shard    {@code -Ddbmig.shard}, as written, or null
 */
public record FleetOptions(String parallel, boolean failFast, String shard) {}
