package io.github.dbmig.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits PostgreSQL script text into statements at top-level semicolons, the way psql does: a {@code ;} inside
 * a string ({@code '…'}, {@code E'…'}), a quoted identifier, a comment ({@code --}, nested {@code /* *}{@code /}),
 * a dollar-quoted body ({@code $$…$$}, {@code $tag$…$tag$}) or a {@code BEGIN ATOMIC … END} routine body does not
 * end a statement. Statements remember their file lines, so errors can name the line that failed.
 * <p>
 * dbmig splits scripts itself rather than leave it to the server or to PgJDBC: statements that cannot run in a
 * transaction ({@code CREATE INDEX CONCURRENTLY}, …) must be recognised and sent alone; an error must be traced to the
 * file line of the statement that failed; transaction control inside a script must be refused before anything runs; and
 * PgJDBC's own splitter, once it has seen {@code BEGIN ATOMIC}, stops splitting for the rest of the text.
 */
public final class SqlSplitter {

    private static final int HEAD_WORDS = 12;

    private final String text;
    private final List<SqlStatement> statements = new ArrayList<>();

    private int pos;
    private int line;

    // the statement being read
    private int start;
    private int startLine;
    private int tokenLine;
    private int tokenStart;
    private final List<String> head = new ArrayList<>();
    private int atomicDepth;
    private String lastWord = "";
    private boolean beginSeen;

    private SqlSplitter(String text, int firstLine) {
        this.text = text;
        this.line = firstLine;
        this.startLine = firstLine;
    }

    /**
     * @param text      script text
     * @param firstLine the file line on which {@code text} starts
     * @return the statements that contain something besides white space and comments
     */
    public static List<SqlStatement> split(String text, int firstLine) {
        SqlSplitter splitter = new SqlSplitter(text, firstLine);
        splitter.run();
        return splitter.statements;
    }

    private void run() {
        resetStatement(0);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && next == '-') {
                skipLineComment();
            } else if (c == '/' && next == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                token();
                skipQuoted('\'', false);
            } else if (c == '"') {
                token();
                skipQuoted('"', false);
            } else if (c == '$' && dollarTagLength() > 0) {
                token();
                skipDollarQuoted();
            } else if (isWordStart(c)) {
                word();
            } else if (c == ';' && atomicDepth == 0) {
                endStatement(pos);
                pos++;
                resetStatement(pos);
            } else {
                token();
                pos++;
            }
        }
        endStatement(text.length());
    }

    private void resetStatement(int at) {
        start = at;
        startLine = line;
        tokenLine = -1;
        head.clear();
        atomicDepth = 0;
        lastWord = "";
        beginSeen = false;
    }

    private void endStatement(int end) {
        if (tokenLine >= 0) {
            statements.add(new SqlStatement(text.substring(start, end), startLine, tokenLine, String.join(" ", head),
                    tokenStart - start));
        }
    }

    private void token() {
        if (tokenLine < 0) {
            tokenLine = line;
            tokenStart = pos;
        }
    }

    private void word() {
        token();
        int begin = pos;
        while (pos < text.length() && isWordPart(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(begin, pos).toUpperCase(Locale.ROOT);
        if (pos < text.length() && text.charAt(pos) == '\'' && (word.equals("E") || word.equals("X") || word.equals("B")
                || word.equals("N"))) {
            // E'…' takes backslash escapes; the others are ordinary strings with a prefix
            skipQuoted('\'', word.equals("E"));
            return;
        }
        if (head.size() < HEAD_WORDS) {
            head.add(word);
        }
        trackAtomicBody(word, begin > 0 && text.charAt(begin - 1) == '.');
    }

    /**
     * {@code CREATE FUNCTION … BEGIN ATOMIC …; …; END}: semicolons inside belong to the routine body. The body opens
     * with {@code BEGIN ATOMIC} (a parameter named {@code begin} does not open it), {@code CASE … END} nests inside it,
     * and a qualified name or a label ({@code t.end}, {@code AS end}) is not a keyword.
     */
    private void trackAtomicBody(String word, boolean qualified) {
        String before = lastWord;
        lastWord = word;
        if (!isRoutineDefinition()) {
            return;
        }
        boolean opens = beginSeen && word.equals("ATOMIC");
        beginSeen = false;
        if (opens) {
            atomicDepth++;
        } else if (qualified || before.equals("AS")) {
            return;
        } else if (word.equals("BEGIN") && atomicDepth == 0) {
            beginSeen = true;
        } else if (word.equals("CASE") && atomicDepth > 0) {
            atomicDepth++;
        } else if (word.equals("END") && atomicDepth > 0) {
            atomicDepth--;
        }
    }

    private boolean isRoutineDefinition() {
        if (head.isEmpty() || !head.get(0).equals("CREATE")) {
            return false;
        }
        int kind = head.size() > 3 && head.get(1).equals("OR") && head.get(2).equals("REPLACE") ? 3 : 1;
        return head.size() > kind && (head.get(kind).equals("FUNCTION") || head.get(kind).equals("PROCEDURE"));
    }

    private void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
            if (c == '/' && next == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && next == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        pos++; // opening quote
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\' && pos + 1 < text.length()) {
                if (text.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            pos++;
            if (c == quote) {
                if (pos < text.length() && text.charAt(pos) == quote) {
                    pos++; // doubled quote stands for itself
                    continue;
                }
                return;
            }
        }
    }

    /** Length of a {@code $tag$} opening at {@link #pos}, or 0 when there is none ({@code $1} is a parameter). */
    private int dollarTagLength() {
        int i = pos + 1;
        if (i < text.length() && text.charAt(i) == '$') {
            return 2;
        }
        if (i >= text.length() || !isTagStart(text.charAt(i))) {
            return 0;
        }
        while (i < text.length() && isTagPart(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 - pos : 0;
    }

    private void skipDollarQuoted() {
        String tag = text.substring(pos, pos + dollarTagLength());
        int close = text.indexOf(tag, pos + tag.length());
        int end = close < 0 ? text.length() : close + tag.length();
        for (int i = pos; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        pos = end;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isTagStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isTagPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
