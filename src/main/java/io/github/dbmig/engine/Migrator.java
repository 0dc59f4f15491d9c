package io.github.dbmig.engine;

import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.schema.Fingerprint;
import io.github.dbmig.schema.SchemaDrift;
import io.github.dbmig.schema.SchemaFingerprinter;
import io.github.dbmig.script.ParsedScript;
import io.github.dbmig.script.ScriptChecksum;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptId;
import io.github.dbmig.script.ScriptParser;
import io.github.dbmig.script.ScriptSet;
import io.github.dbmig.script.ScriptSource;
import io.github.dbmig.script.SqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Upgrades, downgrades, stamps and reports one database against its scripts. Every goal that writes holds the
 * advisory lock from before it reads the changelog until it is done, and checks everything it can (names,
 * variables, undo parts, order) before the first script runs.
 */
public final class Migrator {

    private final MigrationTarget target;
    private final ScriptSource source;
    private final MigrationLog log;
    private final Changelog changelog;
    private final History history;
    private final ChangeRecorder recorder;
    private final FingerprintStore fingerprints;

    public Migrator(MigrationTarget target, ScriptSource source, MigrationLog log) {
        this(target, source, log, Provenance.unknown());
    }

    public Migrator(MigrationTarget target, ScriptSource source, MigrationLog log, Provenance provenance) {
        this.target = target;
        this.source = source;
        this.log = log;
        this.changelog = new Changelog(target.schema(), target.changelogTable());
        this.history = new History(target.schema(), History.DEFAULT_TABLE);
        this.recorder = new ChangeRecorder(changelog, history, provenance);
        this.fingerprints = new FingerprintStore(target.schema());
    }

    /**
     * Applies pending scripts in id order.
     *
     * @param upTo       the last script to apply, or null for all
     * @param outOfOrder apply never-applied scripts older than the newest applied one instead of refusing
     * @return the ids applied
     */
    public List<ScriptId> upgrade(ScriptId upTo, boolean outOfOrder) {
        return upgrade(upTo, outOfOrder, BeforeChange.NOTHING);
    }

    /**
     * Applies pending scripts in id order, running {@code beforeChange} (a backup) first when there is something to
     * apply, under the lock and after every check.
     */
    public List<ScriptId> upgrade(ScriptId upTo, boolean outOfOrder, BeforeChange beforeChange) {
        ScriptSet scripts = scan();
        if (upTo != null) {
            requireScript(scripts, upTo, "dbmig.target");
        }
        try (DatabaseSession session = DatabaseSession.openLocked(target, log)) {
            Connection connection = session.connection();
            // read first, change nothing until every check passed and the backup is taken
            Map<ScriptId, AppliedScript> applied = changelog.exists(connection) ? readApplied(connection) : new TreeMap<>();
            reportMissingFiles(scripts, applied);
            refuseChangedScripts(changedSinceApplied(connection, scripts, applied), applied);
            List<ScriptFile> pending = pendingScripts(scripts, applied, upTo, outOfOrder);
            Optional<ScriptId> newest = applied.keySet().stream().max(Comparator.naturalOrder());
            if (pending.isEmpty()) {
                log.info("Database " + target.databaseId() + " is up to date" + newest.map(n -> " at " + n).orElse("")
                        + "; nothing to apply.");
                runVerifyScriptsAfterUpgrade(connection, List.of());
                return List.of();
            }
            List<ParsedScript> parsed = parseAll(pending);
            parsed.forEach(p -> refuseTransactionControl(p, p.up().statements(), "up"));
            checkRoles(connection, parsed);
            warnAboutUnfinished(connection);
            recorder.backupTaken(beforeChange.run(newest.map(ScriptId::toString).orElse(null)));
            createChangelogAndRead(connection);
            List<ScriptId> done = applyAll(connection, parsed, newest);
            runVerifyScriptsAfterUpgrade(connection, done);
            return done;
        } catch (SQLException e) {
            throw databaseError("upgrade", e);
        }
    }

    /** The never-applied scripts up to {@code upTo}; refuses out-of-order ones unless allowed. */
    private List<ScriptFile> pendingScripts(ScriptSet scripts, Map<ScriptId, AppliedScript> applied, ScriptId upTo,
                                            boolean outOfOrder) {
        List<ScriptFile> pending = scripts.all().stream()
                .filter(s -> !applied.containsKey(s.id()))
                .filter(s -> upTo == null || s.id().compareTo(upTo) <= 0)
                .toList();
        Optional<ScriptId> newest = applied.keySet().stream().max(Comparator.naturalOrder());
        List<ScriptFile> older = newest.map(n -> pending.stream().filter(s -> s.id().compareTo(n) < 0).toList())
                .orElse(List.of());
        if (!older.isEmpty() && !outOfOrder) {
            throw new MigrationFailedException("Database " + target.databaseId() + ": " + older.size()
                    + " never-applied script(s) are older than the newest applied one (" + newest.get() + "):\n  "
                    + older.stream().map(s -> s.path().toString()).collect(Collectors.joining("\n  "))
                    + "\nNothing was applied. Apply them anyway with -Ddbmig.outOfOrder=true, or give them newer ids.");
        }
        return pending;
    }

    /**
     * What {@link #upgrade} would do, with the same checks, without the lock and without changing anything (not
     * even creating the changelog).
     */
    public DryRun planUpgrade(ScriptId upTo, boolean outOfOrder) {
        ScriptSet scripts = scan();
        if (upTo != null) {
            requireScript(scripts, upTo, "dbmig.target");
        }
        try (DatabaseSession session = DatabaseSession.open(target)) {
            Connection connection = session.connection();
            boolean exists = changelog.exists(connection);
            Map<ScriptId, AppliedScript> applied = exists ? readApplied(connection) : new TreeMap<>();
            refuseChangedScripts(changedSinceApplied(connection, scripts, applied), applied);
            List<ParsedScript> parsed = parseAll(pendingScripts(scripts, applied, upTo, outOfOrder));
            parsed.forEach(p -> refuseTransactionControl(p, p.up().statements(), "up"));
            checkRoles(connection, parsed);
            return new DryRun(target.databaseId(), "upgrade", exists ? List.of() : changelog.createStatements(),
                    parsed.stream().map(p -> DryRun.Step.up(p, changelog.insertStatement(p.file()))).toList());
        } catch (SQLException e) {
            throw databaseError("upgrade", e);
        }
    }

    /** What {@link #downgrade} would do, with the same checks, without the lock and without changing anything. */
    public DryRun planDowngrade(ScriptId downTo, Integer steps) {
        checkDowngradeArguments(downTo, steps);
        ScriptSet scripts = scan();
        try (DatabaseSession session = DatabaseSession.open(target)) {
            Connection connection = session.connection();
            Map<ScriptId, AppliedScript> applied = changelog.exists(connection) ? readApplied(connection) : new TreeMap<>();
            List<ScriptId> newestFirst = applied.keySet().stream().sorted(Comparator.reverseOrder()).toList();
            List<ParsedScript> undoable = parseUndoable(scripts, downgradeRange(newestFirst, downTo, steps));
            undoable.forEach(p -> refuseTransactionControl(p, p.undo().orElseThrow().statements(), "undo"));
            checkRoles(connection, undoable);
            return new DryRun(target.databaseId(), "downgrade", List.of(),
                    undoable.stream().map(p -> DryRun.Step.undo(p, changelog.deleteStatement(p.file().id()))).toList());
        } catch (SQLException e) {
            throw databaseError("downgrade", e);
        }
    }

    private List<ScriptId> applyAll(Connection connection, List<ParsedScript> parsed, Optional<ScriptId> newest) {
        ScriptExecutor executor = new ScriptExecutor(connection, target.databaseId(), log);
        List<ScriptId> done = new ArrayList<>();
        ScriptId current = newest.orElse(null);
        ParsedScript last = parsed.get(parsed.size() - 1);
        for (ParsedScript script : parsed) {
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            ScriptExecutor.ChangelogChange record = c -> recorder.applied(c, script.file(), script.checksum(), startedAt,
                    script == last ? recordFingerprint(c) : null);
            String afterFail = stateAfterFailure(current, done);
            if (script.upIsNonTransactional()) {
                log.info("Running " + script.file().fileName() + " outside a transaction, statement by statement.");
                executor.runWithoutTransaction(script, script.up(), "up",
                        c -> recorder.running(c, script.file().id(), "up", script.checksum()), record,
                        (c, detail) -> recorder.failed(c, script.file().id(), script.checksum(), startedAt, detail),
                        () -> afterFail + invalidIndexes(connection));
            } else {
                executor.runInTransaction(script, script.up(), "up", record, afterFail);
            }
            done.add(script.file().id());
            current = current == null || script.file().id().compareTo(current) > 0 ? script.file().id() : current;
            log.info("Applied " + script.file().fileName() + " to " + target.databaseId() + " ("
                    + (System.nanoTime() - started) / 1_000_000 + " ms)");
        }
        log.info("Database " + target.databaseId() + ": applied " + done.size() + " script(s), now at " + current + ".");
        return done;
    }

    private void runVerifyScriptsAfterUpgrade(Connection connection, List<ScriptId> done) throws SQLException {
        List<String> failures = VerifyScripts.run(connection, source.directory(), source.parser(), log);
        if (!failures.isEmpty()) {
            throw new MigrationFailedException("Database " + target.databaseId() + ": " + done.size()
                    + " script(s) applied and kept, but " + failures.size() + " verify script(s) failed:\n  "
                    + String.join("\n  ", failures));
        }
    }

    /**
     * Checks everything that can be wrong and reports it all: pending scripts, applied scripts whose file is gone or
     * changed, drift of the schema from the fingerprint recorded after the last change, failing verify scripts, and,
     * with {@code expect}, a database not exactly at that id. Changes nothing and takes no lock.
     *
     * @return the problems, one sentence each; empty when the database is as its scripts say
     */
    public List<String> verify(ScriptId expect) {
        ScriptSet scripts = scan();
        if (expect != null && !expect.isZero()) {
            requireScript(scripts, expect, "dbmig.expect");
        }
        StatusReport status = status(scripts);
        List<String> problems = new ArrayList<>();
        for (StatusRow row : status.rows()) {
            String script = scripts.find(row.id()).map(f -> f.fileName()).orElse(row.id() + " (" + row.description() + ")");
            switch (row.state()) {
                case PENDING, PENDING_OUT_OF_ORDER -> {
                    if (expect == null || row.id().compareTo(expect) <= 0) {
                        problems.add("pending: " + script + (row.state() == ScriptState.PENDING_OUT_OF_ORDER ? " (out of order)" : ""));
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
        try (DatabaseSession session = DatabaseSession.open(target)) {
            Connection connection = session.connection();
            Optional<Fingerprint> recorded = fingerprints.load(connection);
            if (recorded.isPresent()) {
                long started = System.nanoTime();
                Fingerprint now = currentFingerprint(connection);
                log.info("Database " + target.databaseId() + ": schema fingerprint of " + now.entries().size() + " entries read in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms.");
                SchemaDrift.between(recorded.get(), now).forEach(d -> problems.add("drift: " + d));
            } else if (status.changelogExists()) {
                log.warn("Database " + target.databaseId() + ": no schema fingerprint recorded yet, so drift cannot be"
                        + " checked; the next upgrade, downgrade or stamp records one.");
            }
            connection.rollback();
            problems.addAll(unfinishedProblems(connection));
            problems.addAll(VerifyScripts.run(connection, source.directory(), source.parser(), log));
        } catch (SQLException e) {
            throw databaseError("verify", e);
        }
        return problems;
    }

    /** A {@code -- dbmig:role=} that does not exist, or that the user may not take, fails before any script runs. */
    private void checkRoles(Connection connection, List<ParsedScript> scripts) throws SQLException {
        for (ParsedScript script : scripts) {
            String role = script.directives().role();
            if (role == null) {
                continue;
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, role);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        throw new SetupException("Script " + script.file().path() + ": -- dbmig:role=" + role
                                + " names a role that does not exist on database " + target.databaseId() + "; nothing was run.");
                    }
                    if (!rs.getBoolean(1)) {
                        throw new SetupException("Script " + script.file().path() + ": -- dbmig:role=" + role + ": user "
                                + target.connection().credentials().username() + " is not a member of that role, so it"
                                + " cannot SET ROLE to it (GRANT " + role + " TO …); nothing was run.");
                    }
                }
            }
            connection.rollback();
        }
    }

    /** Tells what an earlier run outside a transaction left behind, before this run tries again. */
    private void warnAboutUnfinished(Connection connection) throws SQLException {
        for (String line : unfinishedProblems(connection)) {
            log.warn("Database " + target.databaseId() + ": " + line);
        }
    }

    private List<String> unfinishedProblems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (history.exists(connection)) {
            for (HistoryRow row : history.unfinished(connection)) {
                problems.add(row.action().equals("failed")
                        ? "script " + row.scriptId() + " failed outside a transaction at " + row.startedAt() + " (" + row.detail()
                          + "); fix it and run upgrade again, or finish the change by hand and record it with dbmig:stamp"
                        : "script " + row.scriptId() + " (" + row.detail() + ") started outside a transaction at "
                          + row.startedAt() + " and never finished (the build was killed or lost its connection);"
                          + " check what it did, then run upgrade again or record it with dbmig:stamp");
            }
        }
        problems.addAll(invalidIndexList(connection));
        connection.rollback();
        return problems;
    }

    /** Indexes a failed CREATE INDEX CONCURRENTLY left INVALID in the managed schemas, as a sentence to append. */
    private String invalidIndexes(Connection connection) {
        try {
            List<String> invalid = invalidIndexList(connection);
            return invalid.isEmpty() ? "" : "\n" + String.join("\n", invalid);
        } catch (SQLException e) {
            return "";
        }
    }

    private List<String> invalidIndexList(Connection connection) throws SQLException {
        List<String> invalid = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT i.indisvalid AND n.nspname = ANY(?) ORDER BY 1")) {
            query.setArray(1, connection.createArrayOf("text", managedSchemas(connection).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    invalid.add("index " + rs.getString(1) + " is INVALID (left by a failed CREATE INDEX CONCURRENTLY or"
                            + " REINDEX CONCURRENTLY): DROP INDEX CONCURRENTLY " + rs.getString(1) + " before running the script again");
                }
            }
        }
        return invalid;
    }

    private String stateAfterFailure(ScriptId current, List<ScriptId> doneThisRun) {
        return "It was rolled back; database " + target.databaseId() + " is "
                + (current == null ? "as it was, with no script applied" : "at " + current)
                + (doneThisRun.isEmpty() ? " (nothing was applied by this run)." : " (" + doneThisRun.size()
                + " script(s) applied by this run stay applied).");
    }

    /**
     * Runs undo parts, newest first.
     *
     * @param downTo the id that is to remain the newest applied, {@link ScriptId#ZERO} for none; or null
     * @param steps  how many of the newest applied scripts to undo; or null
     * @return the ids undone
     */
    public List<ScriptId> downgrade(ScriptId downTo, Integer steps) {
        return downgrade(downTo, steps, BeforeChange.NOTHING);
    }

    /** As {@link #downgrade(ScriptId, Integer)}, running {@code beforeChange} (a backup) first when something is to be undone. */
    public List<ScriptId> downgrade(ScriptId downTo, Integer steps, BeforeChange beforeChange) {
        checkDowngradeArguments(downTo, steps);
        ScriptSet scripts = scan();
        try (DatabaseSession session = DatabaseSession.openLocked(target, log)) {
            Connection connection = session.connection();
            Map<ScriptId, AppliedScript> applied = changelog.exists(connection) ? readApplied(connection) : new TreeMap<>();
            List<ScriptId> newestFirst = applied.keySet().stream().sorted(Comparator.reverseOrder()).toList();
            List<ScriptId> range = downgradeRange(newestFirst, downTo, steps);
            if (range.isEmpty()) {
                log.info("Database " + target.databaseId() + ": nothing to downgrade; "
                        + (newestFirst.isEmpty() ? "no script is applied." : newestFirst.get(0) + " is the newest applied."));
                return List.of();
            }
            List<ParsedScript> undoable = parseUndoable(scripts, range);
            undoable.forEach(p -> refuseTransactionControl(p, p.undo().orElseThrow().statements(), "undo"));
            checkRoles(connection, undoable);
            // as in upgrade: nothing is created before the backup, so a failed backup leaves the database as it was
            recorder.backupTaken(beforeChange.run(newestFirst.get(0).toString()));
            createHistory(connection);
            return undoAll(connection, undoable, newestFirst);
        } catch (SQLException e) {
            throw databaseError("downgrade", e);
        }
    }

    private static void checkDowngradeArguments(ScriptId downTo, Integer steps) {
        if ((downTo == null) == (steps == null)) {
            throw new SetupException("dbmig:downgrade needs exactly one of -Ddbmig.target=ID (go down until ID is the newest"
                    + " applied, 0 for everything) and -Ddbmig.steps=N.");
        }
        if (steps != null && steps < 1) {
            throw new SetupException("-Ddbmig.steps must be 1 or more, not " + steps + ".");
        }
    }

    private List<ScriptId> downgradeRange(List<ScriptId> newestFirst, ScriptId downTo, Integer steps) {
        String applied = newestFirst.isEmpty() ? "none" : summarise(newestFirst);
        if (steps != null) {
            if (steps > newestFirst.size()) {
                throw new MigrationFailedException("Database " + target.databaseId() + ": -Ddbmig.steps=" + steps + " but only "
                        + newestFirst.size() + " script(s) are applied (" + applied + "). Nothing was undone.");
            }
            return newestFirst.subList(0, steps);
        }
        if (!downTo.isZero() && !newestFirst.contains(downTo)) {
            throw new MigrationFailedException("Database " + target.databaseId() + ": -Ddbmig.target=" + downTo
                    + " is not an applied script, so it cannot become the newest applied. Applied, newest first: " + applied
                    + ". Use 0 to undo everything. Nothing was undone.");
        }
        return newestFirst.stream().filter(id -> id.compareTo(downTo) > 0).toList();
    }

    private List<ParsedScript> parseUndoable(ScriptSet scripts, List<ScriptId> range) {
        ScriptParser parser = source.parser();
        List<ParsedScript> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ScriptId id : range) {
            Optional<ScriptFile> file = scripts.find(id);
            if (file.isEmpty()) {
                problems.add(id + ": its script file is not in " + scripts.directory());
                continue;
            }
            ParsedScript script = parser.parse(file.get());
            if (!script.hasUndo()) {
                problems.add(file.get().path() + (script.undo().isEmpty() ? ": has no -- //@UNDO section"
                        : ": its -- //@UNDO section holds no statement"));
            }
            parsed.add(script);
        }
        if (!problems.isEmpty()) {
            throw new MigrationFailedException("Database " + target.databaseId() + ": cannot downgrade, "
                    + problems.size() + " script(s) in the range cannot be undone:\n  " + String.join("\n  ", problems)
                    + "\nNothing was undone. Add the undo SQL, or choose a target above these scripts.");
        }
        return parsed;
    }

    private List<ScriptId> undoAll(Connection connection, List<ParsedScript> undoable, List<ScriptId> newestFirst) {
        ScriptExecutor executor = new ScriptExecutor(connection, target.databaseId(), log);
        List<ScriptId> done = new ArrayList<>();
        ParsedScript last = undoable.get(undoable.size() - 1);
        for (ParsedScript script : undoable) {
            ScriptId id = script.file().id();
            String afterFail = "It was rolled back; database " + target.databaseId() + " is at " + id
                    + (done.isEmpty() ? " (nothing was undone by this run)." : " (" + done.size() + " script(s) undone by this run stay undone).");
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            ScriptExecutor.ChangelogChange record = c -> recorder.undone(c, id, script.checksum(), startedAt,
                    script == last ? recordFingerprint(c) : null);
            if (script.undoIsNonTransactional()) {
                executor.runWithoutTransaction(script, script.undo().orElseThrow(), "undo",
                        c -> recorder.running(c, id, "down", script.checksum()), record,
                        (c, detail) -> recorder.failed(c, id, script.checksum(), startedAt, "undo " + detail),
                        () -> afterFail + invalidIndexes(connection));
            } else {
                executor.runInTransaction(script, script.undo().orElseThrow(), "undo", record, afterFail);
            }
            done.add(id);
            log.info("Undid " + script.file().fileName() + " on " + target.databaseId() + " ("
                    + (System.nanoTime() - started) / 1_000_000 + " ms)");
        }
        String now = newestFirst.size() > done.size() ? "now at " + newestFirst.get(done.size()) : "no script is applied now";
        log.info("Database " + target.databaseId() + ": undid " + done.size() + " script(s); " + now + ".");
        return done;
    }

    /**
     * Makes the changelog record exactly the scripts up to {@code upTo} as applied, running none of them: for a
     * baseline, or after a change made by hand.
     *
     * @return a line saying what changed
     */
    public String stamp(ScriptId upTo) {
        if (upTo == null) {
            throw new SetupException("dbmig:stamp needs -Ddbmig.target=ID: the newest script to record as applied (0 for none).");
        }
        ScriptSet scripts = scan();
        if (!upTo.isZero()) {
            requireScript(scripts, upTo, "dbmig.target");
        }
        try (DatabaseSession session = DatabaseSession.openLocked(target, log)) {
            Connection connection = session.connection();
            Map<ScriptId, AppliedScript> applied = createChangelogAndRead(connection);
            List<ScriptFile> toRecord = scripts.all().stream()
                    .filter(s -> s.id().compareTo(upTo) <= 0 && !applied.containsKey(s.id())).toList();
            List<ScriptId> toForget = applied.keySet().stream()
                    .filter(id -> id.compareTo(upTo) > 0 || !scripts.contains(id)).toList();
            List<ScriptFile> toAccept = changedSinceApplied(connection, scripts, applied).stream()
                    .filter(s -> s.id().compareTo(upTo) <= 0).toList();
            Instant started = Instant.now();
            try {
                // a stamp says "the schema is right as it is": its fingerprint becomes the one verify compares with
                String fingerprint = recordFingerprint(connection);
                for (ScriptId id : toForget) {
                    recorder.unstamped(connection, id, started, fingerprint);
                }
                for (ScriptFile script : toRecord) {
                    recorder.stamped(connection, script, ScriptChecksum.of(script, source.charset()), true, started, fingerprint);
                }
                for (ScriptFile script : toAccept) {
                    recorder.stamped(connection, script, ScriptChecksum.of(script, source.charset()), false, started, fingerprint);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            toRecord.forEach(s -> log.info("Stamped " + s.fileName() + " as applied (not run)."));
            toForget.forEach(id -> log.info("Removed " + id + " from the changelog (not undone)."));
            toAccept.forEach(s -> log.info("Accepted the current content of " + s.fileName() + " (its checksum is recorded anew)."));
            String result = "Database " + target.databaseId() + " stamped at " + upTo + ": " + toRecord.size()
                    + " recorded, " + toForget.size() + " removed, " + toAccept.size() + " checksum(s) accepted, no script run.";
            log.info(result);
            return result;
        } catch (SQLException e) {
            throw databaseError("stamp", e);
        }
    }

    /** Reads where the database stands; changes nothing and takes no lock. */
    public StatusReport status() {
        return status(scan());
    }

    private StatusReport status(ScriptSet scripts) {
        try (DatabaseSession session = DatabaseSession.open(target)) {
            Connection connection = session.connection();
            boolean exists = changelog.exists(connection);
            Map<ScriptId, AppliedScript> applied = exists ? readApplied(connection) : new TreeMap<>();
            Map<ScriptId, String> recorded = exists && history.exists(connection) ? history.recordedChecksums(connection) : Map.of();
            connection.rollback();
            ScriptId newest = applied.keySet().stream().max(Comparator.naturalOrder()).orElse(null);
            TreeMap<ScriptId, StatusRow> rows = new TreeMap<>();
            for (ScriptFile script : scripts.all()) {
                AppliedScript row = applied.get(script.id());
                ScriptState state = row != null ? ScriptState.APPLIED
                        : newest != null && script.id().compareTo(newest) < 0 ? ScriptState.PENDING_OUT_OF_ORDER : ScriptState.PENDING;
                rows.put(script.id(), new StatusRow(script.id(), script.description(), row == null ? null : row.appliedAt(), state,
                        row == null ? ChecksumState.NOT_APPLICABLE : compare(recorded.get(script.id()), script)));
            }
            applied.values().stream().filter(a -> !scripts.contains(a.id())).forEach(a -> rows.put(a.id(),
                    new StatusRow(a.id(), a.description(), a.appliedAt(), ScriptState.MISSING_FILE, ChecksumState.NOT_APPLICABLE)));
            return new StatusReport(target.databaseId(), target.changelogName(), exists, List.copyOf(rows.values()));
        } catch (SQLException e) {
            throw databaseError("status", e);
        }
    }

    private ChecksumState compare(String recorded, ScriptFile script) {
        if (recorded == null) {
            return ChecksumState.NOT_RECORDED;
        }
        return recorded.equals(ScriptChecksum.of(script, source.charset())) ? ChecksumState.MATCHES : ChecksumState.CHANGED;
    }

    /** The newest history rows (provenance of every up, down and stamp), newest first; empty before the first change. */
    public List<HistoryRow> history(int limit) {
        try (DatabaseSession session = DatabaseSession.open(target)) {
            Connection connection = session.connection();
            List<HistoryRow> rows = history.exists(connection) ? history.newest(connection, limit) : List.of();
            connection.rollback();
            return rows;
        } catch (SQLException e) {
            throw databaseError("status", e);
        }
    }

    private ScriptSet scan() {
        List<String> warnings = new ArrayList<>();
        ScriptSet scripts = source.scan(warnings);
        warnings.forEach(log::warn);
        return scripts;
    }

    private void requireScript(ScriptSet scripts, ScriptId id, String property) {
        if (!scripts.contains(id)) {
            throw new SetupException("-D" + property + "=" + id + " is not the id of a script in " + scripts.directory()
                    + " (newest: " + scripts.newestId().map(ScriptId::toString).orElse("no scripts") + ").");
        }
    }

    /** Creates the changelog where missing (only under the lock: concurrent CREATE TABLE collide) and reads it. */
    private Map<ScriptId, AppliedScript> createChangelogAndRead(Connection connection) throws SQLException {
        if (!changelog.exists(connection)) {
            changelog.create(connection);
            connection.commit();
            log.info("Created the changelog table " + target.changelogName() + " on database " + target.databaseId() + ".");
        }
        createHistory(connection);
        return readApplied(connection);
    }

    private void createHistory(Connection connection) throws SQLException {
        boolean created = false;
        if (!history.exists(connection)) {
            history.create(connection);
            created = true;
        }
        if (!fingerprints.exists(connection)) {
            fingerprints.create(connection);
            created = true;
        }
        if (created) {
            connection.commit();
        }
    }

    /** Computes the managed schemas' fingerprint on the caller's transaction and records it; returns its hash. */
    private String recordFingerprint(Connection connection) throws SQLException {
        Fingerprint fingerprint = currentFingerprint(connection);
        fingerprints.save(connection, fingerprint);
        return fingerprint.hash();
    }

    private Fingerprint currentFingerprint(Connection connection) throws SQLException {
        return SchemaFingerprinter.compute(connection, managedSchemas(connection),
                List.of(target.changelogTable(), History.DEFAULT_TABLE, FingerprintStore.TABLE));
    }

    private List<String> managedSchemas(Connection connection) throws SQLException {
        if (target.schema() != null) {
            return List.of(target.schema());
        }
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery("SELECT current_schema()")) {
            rs.next();
            return List.of(rs.getString(1));
        }
    }

    /**
     * Applied scripts whose up part differs from the checksum recorded when they were applied or last stamped.
     * Scripts applied before dbmig kept checksums (by MyBatis, say) have none and are not reported.
     */
    private List<ScriptFile> changedSinceApplied(Connection connection, ScriptSet scripts, Map<ScriptId, AppliedScript> applied)
            throws SQLException {
        if (!history.exists(connection)) {
            return List.of();
        }
        Map<ScriptId, String> recorded = history.recordedChecksums(connection);
        connection.commit();
        List<ScriptFile> changed = new ArrayList<>();
        for (ScriptFile script : scripts.all()) {
            String checksum = recorded.get(script.id());
            if (applied.containsKey(script.id()) && checksum != null && !checksum.equals(ScriptChecksum.of(script, source.charset()))) {
                changed.add(script);
            }
        }
        return changed;
    }

    private void refuseChangedScripts(List<ScriptFile> changed, Map<ScriptId, AppliedScript> applied) {
        if (changed.isEmpty()) {
            return;
        }
        ScriptId newest = applied.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
        throw new MigrationFailedException("Database " + target.databaseId() + ": " + changed.size()
                + " applied script(s) changed since they were applied:\n  "
                + changed.stream().map(s -> s.path() + " (applied " + applied.get(s.id()).appliedAt() + ")")
                .collect(Collectors.joining("\n  "))
                + "\nNothing was applied. Restore the file(s), or accept the change with"
                + " mvn dbmig:stamp -Ddbmig.target=" + newest + ".");
    }

    private Map<ScriptId, AppliedScript> readApplied(Connection connection) throws SQLException {
        Map<ScriptId, AppliedScript> applied = new TreeMap<>();
        for (AppliedScript row : changelog.read(connection)) {
            applied.put(row.id(), row);
        }
        connection.commit(); // end the read transaction: each script gets a transaction of its own
        return applied;
    }

    private void reportMissingFiles(ScriptSet scripts, Map<ScriptId, AppliedScript> applied) {
        Set<ScriptId> missing = new HashSet<>(applied.keySet());
        scripts.all().forEach(s -> missing.remove(s.id()));
        missing.stream().sorted().forEach(id -> log.warn("Database " + target.databaseId() + ": applied script " + id
                + " (" + applied.get(id).description() + ") has no file in " + scripts.directory() + "."));
    }

    /** Reads every script before running any, so an unreadable one or an undefined variable stops the run early. */
    private List<ParsedScript> parseAll(List<ScriptFile> files) {
        ScriptParser parser = source.parser();
        return files.stream().map(parser::parse).toList();
    }

    /** COMMIT or BEGIN inside a script would end dbmig's transaction early and break its all-or-nothing promise. */
    private void refuseTransactionControl(ParsedScript script, List<SqlStatement> statements, String part) {
        for (SqlStatement statement : statements) {
            boolean control = statement.startsWith("BEGIN") || statement.startsWith("START", "TRANSACTION")
                    || statement.startsWith("COMMIT") || statement.startsWith("END") || statement.startsWith("ABORT")
                    || (statement.startsWith("ROLLBACK") && !statement.startsWith("ROLLBACK", "TO"))
                    || statement.startsWith("PREPARE", "TRANSACTION");
            if (control) {
                throw new SetupException("Script " + script.file().path() + " line " + statement.line() + " (" + part
                        + " part): " + statement.summary() + " controls the transaction, but dbmig runs each script in one"
                        + " transaction together with its changelog row. Remove it; nothing was run.");
            }
        }
    }

    private static String summarise(List<ScriptId> ids) {
        List<String> shown = ids.stream().limit(10).map(ScriptId::toString).toList();
        return String.join(", ", shown) + (ids.size() > 10 ? ", … (" + ids.size() + " in all)" : "");
    }

    private SetupException databaseError(String goal, SQLException e) {
        return new SetupException("Database " + target.databaseId() + ": " + goal + " failed talking to PostgreSQL: "
                + e.getMessage(), e);
    }
}
