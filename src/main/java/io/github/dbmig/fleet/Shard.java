package io.github.dbmig.fleet;

import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.config.Database;
import io.github.dbmig.errors.SetupException;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of N parallel CI jobs' share of a fleet ({@code -Ddbmig.shard=K/N}). Each database goes to a shard by a stable
 * hash of its id alone: shard = 1 + (the first 4 bytes of SHA-256 of the id's UTF-8 bytes, read as an unsigned 32-bit
 * big-endian integer) mod N. So N jobs cover every database they all see exactly once, without talking to each other,
 * and a database added or removed between the jobs moves no other database to another shard.
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
        throw new SetupException("-Ddbmig.shard=" + text.strip()
                + " is not of the form K/N with 1 <= K <= N, e.g. 2/4 for" + " the second of four jobs.");
    }

    /** The shard, from 1 to {@code n}, that the database with this id belongs to among {@code n}. */
    public static int of(String id, int n) {
        long first4Bytes = Long.parseLong(Sha256.of(id).substring(0, 8), 16); // big-endian, unsigned
        return (int) (first4Bytes % n) + 1;
    }

    /** This shard's share, sorted by id. */
    public List<Database> of(List<Database> databases) {
        return databases.stream()
                .filter(d -> of(d.id(), n) == k)
                .sorted(Comparator.comparing(Database::id))
                .toList();
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}
