/**
 * Every way dbmig reaches a PostgreSQL server: PgJDBC connections that name the database and host when they fail
 * ({@link PgConnector}), connections opened ahead of need, the maintenance connection that creates, drops and renames
 * databases, dbmig's temporary databases and their sweep, and SQL identifier quoting. It depends on config, errors and
 * log.
 */
package io.github.dbmig.connect;
