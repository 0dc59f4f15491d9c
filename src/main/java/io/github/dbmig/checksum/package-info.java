/**
 * {@link Sha256}, the one digest dbmig uses (of scripts, schema fingerprints, backups and shards), as lower-case hex.
 * It depends on nothing of dbmig's.
 */
package io.github.dbmig.checksum;
