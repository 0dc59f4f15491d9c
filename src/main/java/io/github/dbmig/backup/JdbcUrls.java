package io.github.dbmig.backup;

import io.github.dbmig.errors.SetupException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The same server and parameters, another database: for CREATE, DROP and RENAME of databases. */
final class JdbcUrls {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

    private JdbcUrls() {
    }

    static String withDatabase(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new SetupException("Cannot tell the server from the JDBC URL; write it as jdbc:postgresql://host:port/database.");
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }
}
