/**
 * The one session a goal has on a database ({@link DatabaseSession}): its connection and session settings, dbmig's
 * advisory lock on the changelog, dbmig's tables as PostgreSQL resolves them ({@link OwnTables}), and the watch that
 * says what a call still waits for. It depends on config, connect, errors and log.
 */
package io.github.dbmig.migration.session;
