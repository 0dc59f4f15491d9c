/**
 * One database's goals ({@link DatabaseOperations}): upgrade and downgrade, stamp, tag, status, history, verify, backup
 * and restore, with the rules that hold for all of them (a writing goal locks before it reads, every check passes
 * before anything changes, a verified backup comes first) and what a change did ({@link Outcome}). It composes
 * migration.*, backup, connect, script, config, errors and log, and never reaches up to fleet, rehearse, testdb or api.
 */
package io.github.dbmig.goal;
