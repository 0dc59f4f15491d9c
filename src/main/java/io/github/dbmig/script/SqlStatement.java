package io.github.dbmig.script;

/**
 * One statement of a script, as it is sent to PostgreSQL.
 *
 * @param sql       the text, from just after the previous {@code ;} up to its own {@code ;} (not included),
 *                  so that a server error position can be mapped back to a line of the file
 * @param firstLine the file line (1-based) where {@code sql} starts
 * @param line      the file line of the statement's first keyword, the line reported for it
 * @param head      its first few words outside quotes and comments, upper case, one space apart
 *                  ({@code "CREATE INDEX CONCURRENTLY"}), to recognise a kind of statement
 * @param bodyStart where in {@code sql} the statement itself starts, after the comments and blanks before it
 */
public record SqlStatement(String sql, int firstLine, int line, String head, int bodyStart) {

    /** The file line of a 1-based character position inside {@link #sql()}, as PostgreSQL reports it. */
    public int lineOfPosition(int position) {
        int lineNumber = firstLine;
        int end = Math.min(Math.max(position - 1, 0), sql.length());
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                lineNumber++;
            }
        }
        return lineNumber;
    }

    /** Whether the statement starts with these words, e.g. {@code startsWith("START", "TRANSACTION")}. */
    public boolean startsWith(String... words) {
        String[] own = head.split(" ");
        if (own.length < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!own[i].equals(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** The statement's first line of text (its SQL, not the comments before it), shortened, for messages. */
    public String summary() {
        String text = sql.substring(bodyStart).strip();
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline).strip() + " …";
        return first.length() > 120 ? first.substring(0, 117) + "…" : first;
    }
}
