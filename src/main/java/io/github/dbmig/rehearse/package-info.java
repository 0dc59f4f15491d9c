/**
 * {@code dbmig:rehearse}, all of it: the checks made before any dump, the backup restored as a copy on a scratch
 * server, the steps there (up, verify, down, up again) with every script probed for its locks, rows and undo, and the
 * report ({@link Rehearsal}). It builds on goal, backup, migration.*, schema, testdb (a scratch server in a container),
 * connect, config, script, errors and log.
 */
package io.github.dbmig.rehearse;
