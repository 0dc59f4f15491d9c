/**
 * Backups and restores with PostgreSQL's client programs (pg_dump, pg_restore, psql): finding them on this machine or
 * running them from an image ({@link io.github.dbmig.backup.ClientImages}), running them with
 * the password in their environment only, the manifest and checksum beside each backup, full verification, and the
 * restore into a temporary database that is renamed only once it succeeded. It depends on config, connect, container,
 * checksum, exit, errors and log, and knows nothing of dbmig's tables, goals or build tool.
 */
package io.github.dbmig.backup;
