package io.github.dbmig.script;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The number before the first {@code _} of a script's file name. It is stored in the changelog's
 * {@code ID NUMERIC(20,0)} column, so it has at most 20 digits.
 */
public final class ScriptId implements Comparable<ScriptId> {

    /** Stands for "before the first script": {@code dbmig.target=0} downgrades or stamps to nothing. */
    public static final ScriptId ZERO = new ScriptId(BigInteger.ZERO);

    private static final int MAX_DIGITS = 20;

    private final BigInteger value;

    private ScriptId(BigInteger value) {
        this.value = value;
    }

    /** Parses a whole number of at most 20 digits; returns null when {@code text} is not one. */
    public static ScriptId parseOrNull(String text) {
        String digits = text == null ? "" : text.trim();
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return new ScriptId(new BigInteger(digits));
    }

    public static ScriptId of(BigDecimal stored) {
        return new ScriptId(stored.toBigIntegerExact());
    }

    public static ScriptId of(long value) {
        return new ScriptId(BigInteger.valueOf(value));
    }

    public BigDecimal toBigDecimal() {
        return new BigDecimal(value);
    }

    public ScriptId next() {
        return new ScriptId(value.add(BigInteger.ONE));
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public int compareTo(ScriptId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScriptId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
