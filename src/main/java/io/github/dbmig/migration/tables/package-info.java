/**
 * dbmig's tables in a database and what is read from them and written to them: the MyBatis changelog,
 * {@code dbmig_history} with the provenance of every change ({@link Provenance}, {@link GitCommit}),
 * {@code dbmig_fingerprint}, {@code dbmig_tags}, the state read once per run ({@link DatabaseState}) and what earlier
 * runs left behind. It depends on migration.session, connect, schema, script, errors and log.
 */
package io.github.dbmig.migration.tables;
