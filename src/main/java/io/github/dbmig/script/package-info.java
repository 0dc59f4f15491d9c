/**
 * Migration scripts on disk, in MyBatis Migrations' format: finding and naming them, reading their up and undo parts
 * with variables and {@code -- dbmig:} directives, splitting SQL as psql does, their checksums, the schema version they
 * make, and new scripts. It depends on checksum and errors (and MyBatis' variable replacer), never on a database.
 */
package io.github.dbmig.script;
