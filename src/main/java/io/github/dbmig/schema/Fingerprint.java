package io.github.dbmig.schema;

import io.github.dbmig.checksum.Sha256;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A normalised description of the managed schemas, one entry per object or part of one, such as
 * {@code table app.people: column nickname = text not null}. Built from the catalog: names, types, defaults,
 * constraints, indexes, views, function sources, triggers, sequences and enums; no OIDs, statistics or sizes, so
 * two databases built by the same scripts have the same fingerprint.
 */
public final class Fingerprint {

    private final SortedMap<String, String> entries;
    private final String hash;

    public Fingerprint(Map<String, String> entries) {
        this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        this.hash = Sha256.of(toText());
    }

    /** Reads back the text form written by {@link #toText()}: every key and value exactly as it was. */
    public static Fingerprint parse(String text) {
        Map<String, String> entries = new TreeMap<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                entries.put(unescape(line.substring(0, tab)), unescape(line.substring(tab + 1)));
            }
        }
        return new Fingerprint(entries);
    }

    public SortedMap<String, String> entries() {
        return entries;
    }

    /** SHA-256 of the text form. */
    public String hash() {
        return hash;
    }

    /**
     * One {@code key<TAB>value} line per entry, sorted. In keys and values a backslash is written as two, a newline
     * as a backslash and {@code n}, a carriage return as a backslash and {@code r}, a tab as a backslash and {@code t},
     * so that lines and fields stay apart and {@link #parse} gives back every string exactly.
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> {
            escape(key, text);
            text.append('\t');
            escape(value, text);
            text.append('\n');
        });
        return text.toString();
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }

    /**
     * The inverse of {@link #escape}, read left to right, so that an escaped backslash followed by {@code n} stays a
     * backslash and an {@code n}.
     */
    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
