/**
 * Where dbmig says what it does ({@link Log}; {@link PrefixedLog} for one database's lines in a fleet) and how secrets
 * are kept out of everything that leaves it ({@link Secrets}, {@link Redactor}). It depends on nothing of dbmig's.
 */
package io.github.dbmig.log;
