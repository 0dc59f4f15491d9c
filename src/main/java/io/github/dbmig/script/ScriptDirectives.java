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
 *   <li>{@code -- dbmig:role=<role>}: run under {@code SET ROLE <role>}, reset afterwards.</li>
 * </ul>
 * Any other {@code dbmig:} header is an error, so that a typo cannot silently change how a script runs.
 *
 * @param transactionNone the script asked to run outside a transaction
 * @param role            the role to run as, or null
 */
public record ScriptDirectives(boolean transactionNone, String role) {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*--\\s*dbmig:([A-Za-z]+)\\s*=\\s*(\\S*)\\s*$");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    /** Reads the header of {@code text} up to {@code firstStatementLine} (exclusive); lines are numbered from 1. */
    static ScriptDirectives read(Path file, String text, int firstStatementLine) {
        boolean none = false;
        String role = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && i + 1 < firstStatementLine; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("--") || !line.substring(2).strip().startsWith("dbmig:")) {
                continue;
            }
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.matches()) {
                throw new SetupException("Script " + file + " line " + (i + 1) + ": \"" + line + "\" is not a dbmig header;"
                        + " write -- dbmig:transaction=none or -- dbmig:role=<role>.");
            }
            String key = m.group(1);
            String value = m.group(2);
            if (key.equals("transaction") && value.equals("none")) {
                none = true;
            } else if (key.equals("role")) {
                if (!ROLE_NAME.matcher(value).matches()) {
                    throw new SetupException("Script " + file + " line " + (i + 1) + ": \"" + value + "\" is not a plain role"
                            + " name (letters, digits and '_', at most 63, starting with a letter or '_').");
                }
                role = value;
            } else {
                throw new SetupException("Script " + file + " line " + (i + 1) + ": unknown dbmig header \"" + line
                        + "\"; dbmig knows -- dbmig:transaction=none and -- dbmig:role=<role>.");
            }
        }
        return new ScriptDirectives(none, role);
    }
}
