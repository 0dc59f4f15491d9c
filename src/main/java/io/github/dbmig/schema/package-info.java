/**
 * Schema fingerprints: a normalised description of the managed schemas, read from the catalog in one query
 * ({@link SchemaFingerprinter}, {@link Fingerprint}), and the drift between two of them as sentences. It depends only
 * on checksum.
 */
package io.github.dbmig.schema;
