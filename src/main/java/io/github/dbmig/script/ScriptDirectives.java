package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header lines that change how a script runs, among the comment lines before its first statement:
 * <ul>
 *   <li>{@code -- dbmig:transaction=none}: run statement by statement outside a transaction (also chosen on its
 *       own when a statement cannot run in one, such as {@code CREATE INDEX CONCURRENTLY});</li>
 *   <li>{@code -- dbmig:role=<role>}: run under {@code SET ROLE <role>}, reset afterwards;</li>
 *   <li>{@code -- dbmig:empty=ok}: the up part is empty on purpose (without it, an empty script is an error);</li>
 *   <li>{@code -- dbmig:undo=none}: there is nothing to undo: downgrade runs nothing and removes the changelog row
 *       (the undo part must then be empty).</li>
 * </ul>
 * Any other {@code dbmig:} header is an error, so that a typo cannot silently change how a script runs.
 *
 * @param transactionNone the script asked to run outside a transaction
 * @param role            the role to run as, or null
 * @param emptyOk         an empty up part is intended
 * @param undoNone        the script declares that it has nothing to undo
 */
public record ScriptDirectives(boolean transactionNone, String role, boolean emptyOk, boolean undoNone) {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*dbmig:([A-Za-z]+)\\s*=\\s*(\\S*)\\s*$");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final String KNOWN = "dbmig knows -- dbmig:transaction=none, -- dbmig:role=<role>, -- dbmig:empty=ok"
            + " and -- dbmig:undo=none.";

    /** Reads the header of {@code text} up to {@code firstStatementLine} (exclusive); lines are numbered from 1. */
    static ScriptDirectives read(Path file, String text, int firstStatementLine) {
        boolean none = false;
        String role = null;
        boolean emptyOk = false;
        boolean undoNone = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && i + 1 < firstStatementLine; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("--") || !line.substring(2).strip().startsWith("dbmig:")) {
                continue;
            }
            Matcher m = DIRECTIVE.matcher(line);
            String where = "Script " + file + " line " + (i + 1) + ": ";
            if (!m.matches()) {
                throw new SetupException(where + "\"" + line + "\" is not a dbmig header; " + KNOWN);
            }
            String key = m.group(1);
            String value = m.group(2);
            if (key.equals("transaction") && value.equals("none")) {
                none = true;
            } else if (key.equals("empty") && value.equals("ok")) {
                emptyOk = true;
            } else if (key.equals("undo") && value.equals("none")) {
                undoNone = true;
            } else if (key.equals("role")) {
                if (!ROLE_NAME.matcher(value).matches()) {
                    throw new SetupException(
                            where + "\"" + value + "\" is not a plain role name (letters, digits and '_', at"
                                    + " most 63, starting with a letter or '_').");
                }
                role = value;
            } else {
                throw new SetupException(where + "unknown dbmig header \"" + line + "\"; " + KNOWN);
            }
        }
        return new ScriptDirectives(none, role, emptyOk, undoNone);
    }
}
