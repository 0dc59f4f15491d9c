/**
 * Backups and restores with PostgreSQL's client programs (pg_dump, pg_restore, psql): finding them, running them with
 * the password in their environment only, the manifest and checksum beside each backup, full verification, and the
 * restore into a temporary database that is renamed only once it succeeded. It depends on config, connect, checksum,
 * errors and log, and knows nothing of dbmig's tables, goals or build tool.
 */
package io.github.dbmig.backup;
