package io.github.dbmig.core;

import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of N parallel CI jobs' share of a fleet ({@code -Ddbmig.shard=K/N}): the databases, sorted by id, are dealt
 * round-robin, and shard K takes every N-th from the K-th on. N jobs cover every database exactly once, without
 * talking to each other.
 *
 * @param k which shard, from 1
 * @param n how many shards
 */
public record Shard(int k, int n) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    /** Reads {@code K/N}; null for none. */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = FORM.matcher(text.strip());
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (k >= 1 && k <= n) {
                return new Shard(k, n);
            }
        }
        throw new SetupException("-Ddbmig.shard=" + text.strip() + " is not of the form K/N with 1 <= K <= N, e.g. 2/4 for"
                + " the second of four jobs.");
    }

    /** This shard's share, sorted by id. */
    public List<Database> of(List<Database> databases) {
        List<Database> sorted = new ArrayList<>(databases);
        sorted.sort(Comparator.comparing(Database::id));
        List<Database> share = new ArrayList<>();
        for (int i = k - 1; i < sorted.size(); i += n) {
            share.add(sorted.get(i));
        }
        return share;
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}
