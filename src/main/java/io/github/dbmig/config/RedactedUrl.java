package io.github.dbmig.config;

import java.util.regex.Pattern;

/** A JDBC URL fit for logs and messages: a {@code password=} parameter is masked. */
public final class RedactedUrl {

    private static final Pattern PASSWORD = Pattern.compile("(?i)((?:password|sslpassword)=)[^&]*");

    private RedactedUrl() {
    }

    public static String of(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }
}
