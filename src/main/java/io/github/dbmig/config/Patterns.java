package io.github.dbmig.config;

import org.codehaus.plexus.util.SelectorUtils;

/**
 * Glob patterns ({@code *}, {@code ?}) in database ids, database names and schema names, matched as Ant and Maven do.
 */
public final class Patterns {

    private Patterns() {}

    public static boolean isPattern(String text) {
        return text != null && (text.indexOf('*') >= 0 || text.indexOf('?') >= 0);
    }

    public static boolean matches(String pattern, String value) {
        return SelectorUtils.match(pattern, value, true);
    }
}
