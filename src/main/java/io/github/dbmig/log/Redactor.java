package io.github.dbmig.log;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves dbmig: passwords in URLs (as parameters or {@code user:password@}), and any
 * known password wherever it appears, including inside a driver's or a program's own message.
 */
public final class Redactor {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:ssl)?password=)[^&\\s\"']*");
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/:@\\s]*):[^@/\\s]*@");
    private static final String MASK = "***";

    private Redactor() {}

    /** Masks passwords written into URLs. */
    public static String maskUrls(String text) {
        if (text == null) {
            return null;
        }
        String masked = PASSWORD_PARAM.matcher(text).replaceAll("$1" + MASK);
        return USER_INFO.matcher(masked).replaceAll("$1:" + MASK + "@");
    }

    /**
     * Masks passwords in URLs and every one of {@code secrets} where it stands as a token of its own, not inside a
     * longer run of letters, digits and underscores: a local password {@code postgres} leaves {@code jdbc:postgresql}
     * as it is. Too short secrets are left alone, they would mask words.
     */
    public static String mask(String text, Collection<String> secrets) {
        return mask(text, secrets.stream().map(Redactor::token).toList());
    }

    /** As {@link #mask(String, Collection)}, with the secrets' {@link #token} patterns compiled once by the caller. */
    public static String mask(String text, List<Token> tokens) {
        String masked = maskUrls(text);
        if (masked == null) {
            return null;
        }
        for (Token token : tokens) {
            if (token != null && masked.contains(token.secret())) {
                masked = token.pattern().matcher(masked).replaceAll(MASK);
            }
        }
        return masked;
    }

    /** A secret and the pattern that finds it as a token of its own; null for a secret too short to mask. */
    public static Token token(String secret) {
        return secret == null || secret.length() < 4
                ? null
                : new Token(
                        secret,
                        Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}_])"));
    }

    /** A secret to mask, with its pattern. */
    public record Token(String secret, Pattern pattern) {
        @Override
        public String toString() {
            return "secret"; // never the secret
        }
    }
}
