package io.github.dbmig.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
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
        this.hash = sha256(toText());
    }

    /** Reads back the text form written by {@link #toText()}. */
    public static Fingerprint parse(String text) {
        Map<String, String> entries = new TreeMap<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                entries.put(line.substring(0, tab), line.substring(tab + 1).replace("\\n", "\n").replace("\\\\", "\\"));
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

    /** One {@code key<TAB>value} line per entry, sorted, newlines in values escaped. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(key).append('\t')
                .append(value.replace("\\", "\\\\").replace("\n", "\\n")).append('\n'));
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
