package io.github.dbmig.script;

import java.util.Locale;

/**
 * A position in script text that steps over what psql steps over whole: comments ({@code --}, nested
 * {@code /* *}{@code /}), strings and quoted identifiers ({@code '…'}, {@code E'…'}, {@code "…"}) and dollar-quoted
 * bodies ({@code $$…$$}, {@code $tag$…$tag$}), counting file lines on the way. {@link SqlSplitter} decides what the
 * tokens mean.
 */
final class SqlScanner {

    private final String text;
    private int pos;
    private int line;

    SqlScanner(String text, int firstLine) {
        this.text = text;
        this.line = firstLine;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The character at the position. */
    char current() {
        return text.charAt(pos);
    }

    /** The character after it, or {@code '\0'} at the end. */
    char next() {
        return pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
    }

    char charAt(int index) {
        return text.charAt(index);
    }

    int pos() {
        return pos;
    }

    int line() {
        return line;
    }

    int length() {
        return text.length();
    }

    String text(int from, int to) {
        return text.substring(from, to);
    }

    /** Steps over one character. */
    void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    boolean atWordStart() {
        return Character.isLetter(current()) || current() == '_';
    }

    /** Reads a word (letters, digits, {@code _}, {@code $}) and returns it in upper case. */
    String word() {
        int begin = pos;
        while (pos < text.length() && isWordPart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(begin, pos).toUpperCase(Locale.ROOT);
    }

    void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    void skipBlockComment() {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            char after = next();
            if (c == '/' && after == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && after == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                advance();
            }
        }
    }

    /** Steps over a string or quoted identifier opening at the position; a doubled quote stands for itself. */
    void skipQuoted(char quote, boolean backslashEscapes) {
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
                    pos++;
                    continue;
                }
                return;
            }
        }
    }

    /** Whether a {@code $tag$} opens at the position ({@code $1} is a parameter). */
    boolean atDollarQuote() {
        return dollarTagLength() > 0;
    }

    void skipDollarQuoted() {
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

    private int dollarTagLength() {
        int i = pos + 1;
        if (i < text.length() && text.charAt(i) == '$') {
            return 2;
        }
        if (i >= text.length() || !(Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
            return 0;
        }
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 - pos : 0;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
