package io.github.dbmig.migration.tables;

import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.schema.SchemaFingerprinter;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The schema fingerprint of the managed schema (dbmig's own tables left out), and the reference copy that
 * {@code verify} compares with: it always describes what the changelog says is applied.
 */
public final class Fingerprints {

    private final DatabaseSession session;
    private final FingerprintStore store;

    public Fingerprints(DatabaseSession session) {
        this.session = session;
        this.store = new FingerprintStore(session.tables());
    }

    public Fingerprint current() throws SQLException {
        return SchemaFingerprinter.compute(
                session.connection(),
                List.of(session.tables().schema()),
                session.tables().names());
    }

    /** Computes the fingerprint and makes it the reference, on the caller's transaction; returns its hash. */
    public String record() throws SQLException {
        Fingerprint fingerprint = current();
        store.save(session.connection(), fingerprint);
        return fingerprint.hash();
    }

    /** The statements that make {@code fingerprint} the reference, with literals. */
    public List<String> recordStatements(Fingerprint fingerprint) {
        return store.saveStatements(fingerprint);
    }

    /** Records the reference in a transaction of its own. */
    public String recordAndCommit() throws SQLException {
        try {
            String hash = record();
            session.connection().commit();
            return hash;
        } catch (SQLException e) {
            session.connection().rollback();
            throw e;
        }
    }

    /** The reference, if one was recorded. */
    public Optional<Fingerprint> reference(DatabaseState state) throws SQLException {
        return state.fingerprintExists() ? store.load(session.connection()) : Optional.empty();
    }
}
