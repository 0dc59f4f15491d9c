package io.github.dbmig.migration.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.dbmig.connect.SqlIdentifier.literal;

/**
 * dbmig's session settings, as the one statement that makes them the session's ({@code setConfig}): the
 * {@code search_path} led by the managed schema, PostgreSQL's {@code lock_timeout} for scripts, idle timeouts off, and
 * on PostgreSQL 14+ a check for a vanished client; and the statements that put them back after a script.
 */
record SessionSettings(String setConfig) {

    /** The session's settings: {@code searchPath} and the fixed ones. */
    static SessionSettings of(String searchPath, Duration lockTimeout, int major) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("search_path", searchPath));
        settings.putAll(fixedSettings(lockTimeout, major));
        return new SessionSettings(setConfig(settings));
    }

    /** The statement that sets every setting but the search_path, for the session's first round trip. */
    static String fixed(Duration lockTimeout, int major) {
        return setConfig(fixedSettings(lockTimeout, major));
    }

    /**
     * The statements that put every setting a script may have changed (search_path, role, and the rest) back to the
     * session's defaults, then dbmig's own settings; outside a transaction. RESET ALL leaves the role alone, so it is
     * reset on its own.
     */
    List<String> restoreStatements() {
        return List.of("RESET SESSION AUTHORIZATION", "RESET ROLE", "RESET ALL", setConfig);
    }

    /**
     * The statements that put the session back after a committed script: the role and session user were reset in its
     * transaction, before dbmig's rows, so what is left is every other setting, then dbmig's own.
     */
    List<String> afterCommitStatements() {
        return List.of("RESET ALL", setConfig);
    }

    /** dbmig's settings but the search_path, by name. */
    private static Map<String, String> fixedSettings(Duration lockTimeout, int major) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lock_timeout", lockTimeout.toMillis() + "ms");
        settings.put("idle_in_transaction_session_timeout", "0");
        if (major >= 14) {
            // a build killed mid-script leaves its backend running the statement until it next talks to the client;
            // with this the server notices the vanished client within a second and aborts, releasing its locks
            settings.put("idle_session_timeout", "0");
            settings.put("client_connection_check_interval", "1000");
        }
        return settings;
    }

    /** One statement that makes {@code settings} the session's: one to parse and run, not one per setting. */
    private static String setConfig(Map<String, String> settings) {
        List<String> calls = new ArrayList<>();
        settings.forEach(
                (name, value) -> calls.add("set_config(" + literal(name) + ", " + literal(value) + ", false)"));
        return "SELECT " + String.join(", ", calls);
    }
}
