package io.github.dbmig.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL script text into statements at top-level semicolons, the way psql does: a {@code ;} inside
 * a string, a quoted identifier, a comment or a dollar-quoted body (stepped over by {@link SqlScanner}), or inside a
 * {@code BEGIN ATOMIC … END} routine body, does not end a statement. Statements remember their file lines, so errors
 * can name the line that failed.
 * <p>
 * dbmig splits scripts itself rather than leave it to the server or to PgJDBC: statements that cannot run in a
 * transaction ({@code CREATE INDEX CONCURRENTLY}, …) must be recognised and sent alone; an error must be traced to the
 * file line of the statement that failed; transaction control inside a script must be refused before anything runs; and
 * PgJDBC's own splitter, once it has seen {@code BEGIN ATOMIC}, stops splitting for the rest of the text.
 */
public final class SqlSplitter {

    private static final int HEAD_WORDS = 12;

    private final SqlScanner scan;
    private final List<SqlStatement> statements = new ArrayList<>();

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
        this.scan = new SqlScanner(text, firstLine);
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
        resetStatement();
        while (!scan.atEnd()) {
            char c = scan.current();
            char next = scan.next();
            if (Character.isWhitespace(c)) {
                scan.advance();
            } else if (c == '-' && next == '-') {
                scan.skipLineComment();
            } else if (c == '/' && next == '*') {
                scan.skipBlockComment();
            } else if (c == '\'' || c == '"') {
                token();
                scan.skipQuoted(c, false);
            } else if (c == '$' && scan.atDollarQuote()) {
                token();
                scan.skipDollarQuoted();
            } else if (scan.atWordStart()) {
                word();
            } else if (c == ';' && atomicDepth == 0) {
                endStatement(scan.pos());
                scan.advance();
                resetStatement();
            } else {
                token();
                scan.advance();
            }
        }
        endStatement(scan.length());
    }

    private void resetStatement() {
        start = scan.pos();
        startLine = scan.line();
        tokenLine = -1;
        head.clear();
        atomicDepth = 0;
        lastWord = "";
        beginSeen = false;
    }

    private void endStatement(int end) {
        if (tokenLine >= 0) {
            statements.add(new SqlStatement(
                    scan.text(start, end), startLine, tokenLine, String.join(" ", head), tokenStart - start));
        }
    }

    private void token() {
        if (tokenLine < 0) {
            tokenLine = scan.line();
            tokenStart = scan.pos();
        }
    }

    private void word() {
        token();
        int begin = scan.pos();
        String word = scan.word();
        if (!scan.atEnd()
                && scan.current() == '\''
                && (word.equals("E") || word.equals("X") || word.equals("B") || word.equals("N"))) {
            // E'…' takes backslash escapes; the others are ordinary strings with a prefix
            scan.skipQuoted('\'', word.equals("E"));
            return;
        }
        if (head.size() < HEAD_WORDS) {
            head.add(word);
        }
        trackAtomicBody(word, begin > 0 && scan.charAt(begin - 1) == '.');
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
        return head.size() > kind
                && (head.get(kind).equals("FUNCTION") || head.get(kind).equals("PROCEDURE"));
    }
}
