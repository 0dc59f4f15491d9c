/**
 * Running a plan: each script part in one transaction and one round trip with its changelog and history rows, or
 * outside a transaction statement by statement, table-lock retries, failures in PostgreSQL's own words, stamping, and
 * the {@link ScriptObserver} a rehearsal watches through. It depends on migration.plan, migration.session,
 * migration.tables, schema, connect, script, errors and log.
 */
package io.github.dbmig.migration.execution;
