package io.github.dbmig.migration.status;

import io.github.dbmig.log.Log;
import io.github.dbmig.migration.session.DatabaseSession;
import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.migration.tables.Fingerprints;
import io.github.dbmig.migration.tables.Leftovers;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.schema.SchemaDrift;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptParser;
import io.github.dbmig.script.ScriptSet;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.github.dbmig.errors.Messages.about;

/**
 * Everything that can be wrong with a database against its scripts, each as one sentence: pending scripts, applied
 * scripts whose file is gone or changed, drift of the schema from the fingerprint of what the changelog says is
 * applied, scripts left unfinished outside a transaction, INVALID indexes, failing verify scripts, and, with an
 * expected id, a database not exactly there. Reads only.
 */
public final class Verifier {

    private final DatabaseSession session;
    private final Log log;

    public Verifier(DatabaseSession session, Log log) {
        this.session = session;
        this.log = log;
    }

    public List<String> problems(DatabaseState state, ScriptSet scripts, ScriptParser parser, ScriptId expect)
            throws SQLException {
        List<String> problems = new ArrayList<>(scriptProblems(state, scripts, parser, expect));
        Optional<Fingerprint> recorded = new Fingerprints(session).reference(state);
        if (recorded.isPresent()) {
            long started = System.nanoTime();
            Fingerprint now = new Fingerprints(session).current();
            log.info(about(session.database().id()) + "schema fingerprint of "
                    + now.entries().size() + " entries read in " + (System.nanoTime() - started) / 1_000_000 + " ms.");
            SchemaDrift.between(recorded.get(), now).forEach(d -> problems.add("drift: " + d));
        } else if (state.changelogExists()) {
            log.warn(about(session.database().id()) + "no schema fingerprint recorded yet, so drift cannot be"
                    + " checked; the next upgrade, downgrade or stamp records one.");
        }
        session.connection().rollback();
        problems.addAll(Leftovers.describe(state));
        problems.addAll(VerifyScripts.run(session.connection(), scripts.directory(), parser, log));
        return problems;
    }

    private static List<String> scriptProblems(
            DatabaseState state, ScriptSet scripts, ScriptParser parser, ScriptId expect) {
        StatusReport status = StatusReader.report("", "", state, scripts, parser.charset());
        List<String> problems = new ArrayList<>();
        for (StatusRow row : status.rows()) {
            String script =
                    scripts.find(row.id()).map(f -> f.fileName()).orElse(row.id() + " (" + row.description() + ")");
            switch (row.state()) {
                case PENDING, PENDING_OUT_OF_ORDER -> {
                    if (expect == null || row.id().compareTo(expect) <= 0) {
                        problems.add("pending: " + script
                                + (row.state() == ScriptState.PENDING_OUT_OF_ORDER ? " (out of order)" : ""));
                    }
                }
                case MISSING_FILE -> problems.add("applied but its script file is missing: " + script);
                default -> {
                    if (row.checksum() == ChecksumState.CHANGED) {
                        problems.add("changed since it was applied: " + script);
                    }
                    if (expect != null && row.id().compareTo(expect) > 0) {
                        problems.add("applied beyond the expected " + expect + ": " + script);
                    }
                }
            }
        }
        return problems;
    }
}
