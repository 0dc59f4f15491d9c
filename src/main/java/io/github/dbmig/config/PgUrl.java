package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Redactor;
import org.postgresql.Driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL, read once with PgJDBC's own parser. User and password written in it (as
 * {@code ?user=…&password=…} or as {@code //user:password@host}, which PgJDBC itself does not read) are taken out:
 * they reach the driver as connection properties, and the URL shown in logs and messages never holds them.
 */
public final class PgUrl {

    private static final String PREFIX = "jdbc:postgresql:";
    /** PgJDBC reads ~/.pgpass while parsing when no password is given; this placeholder stops that side effect. */
    private static final String NO_PASSWORD = "\u0000dbmig-no-password";

    private static final Pattern SHAPE =
            Pattern.compile("(jdbc:postgresql:(?://[^/?]*)?)(/?[^?]*)(\\?.*)?", Pattern.DOTALL);
    private static final Pattern USER_INFO = Pattern.compile("(jdbc:postgresql://)([^/?@]*)@");
    private static final Pattern CREDENTIAL_PARAM = Pattern.compile("(?i)(^|&)(user|password)=[^&]*");

    private final String url;
    private final Properties parsed;
    private final String user;
    private final String password;

    private PgUrl(String url, Properties parsed, String user, String password) {
        this.url = url;
        this.parsed = parsed;
        this.user = user;
        this.password = password;
    }

    /**
     * @param text    the URL as written
     * @param element where it came from, e.g. {@code <database> prod: <url>}, for the error message
     */
    public static PgUrl parse(String text, String element) {
        String url = text == null ? "" : text.strip();
        if (!url.startsWith(PREFIX)) {
            throw new SetupException(element + " must be a PostgreSQL JDBC URL starting with " + PREFIX + ", not "
                    + Redactor.maskUrls(url) + ".");
        }
        String user = null;
        String password = null;
        Matcher info = USER_INFO.matcher(url);
        if (info.lookingAt()) {
            String[] parts = info.group(2).split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
            url = info.group(1) + url.substring(info.end());
        }
        Matcher shape = SHAPE.matcher(url);
        if (!shape.matches()) {
            throw new SetupException(element + " " + Redactor.maskUrls(text) + " is not a JDBC URL of the form"
                    + " jdbc:postgresql://host:port/database.");
        }
        String query = shape.group(3) == null ? "" : shape.group(3).substring(1);
        String cleanQuery = CREDENTIAL_PARAM.matcher(query).replaceAll("").replaceFirst("^&", "");
        String clean = shape.group(1) + shape.group(2) + (cleanQuery.isEmpty() ? "" : "?" + cleanQuery);
        Properties defaults = new Properties();
        defaults.setProperty("password", NO_PASSWORD);
        Properties parsed = Driver.parseURL(url, defaults);
        if (parsed == null) {
            throw new SetupException(element + " " + Redactor.maskUrls(text) + " is not a valid PostgreSQL JDBC URL"
                    + reason(shape.group(1)) + "; write it as jdbc:postgresql://host:port/database.");
        }
        if (parsed.getProperty("user") != null && !parsed.getProperty("user").isEmpty()) {
            user = parsed.getProperty("user");
        }
        String given = parsed.getProperty("password");
        if (given != null && !given.equals(NO_PASSWORD)) {
            password = given;
        }
        return new PgUrl(clean, parsed, user, password);
    }

    private static String reason(String hostPart) {
        String hosts = hostPart.startsWith(PREFIX + "//") ? hostPart.substring(PREFIX.length() + 2) : "";
        for (String host : hosts.split(",")) {
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && !host.endsWith("]") && !host.substring(colon + 1).matches("\\d{1,5}")) {
                return ": its port \"" + host.substring(colon + 1) + "\" is not a number";
            }
        }
        return "";
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** The URL to give the driver: no user or password in it. */
    public String connectUrl() {
        return url;
    }

    /** The first host, as libpq's PGHOST would be. */
    public String host() {
        return parsed.getProperty("PGHOST", "localhost").split(",")[0];
    }

    public String port() {
        return parsed.getProperty("PGPORT", "5432").split(",")[0];
    }

    /** Every host:port the URL names, for messages. */
    public String hosts() {
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            text.append(i == 0 ? "" : ",").append(hosts[i]).append(':').append(i < ports.length ? ports[i] : "5432");
        }
        return text.toString();
    }

    /** The database's name, or null when the URL names none (then the server takes the user's name). */
    public String database() {
        String name = parsed.getProperty("PGDBNAME");
        return name == null || name.isEmpty() ? null : name;
    }

    /** A URL parameter such as {@code sslmode}, or null. */
    public String parameter(String name) {
        return parsed.getProperty(name);
    }

    /** The user written in the URL, or null. */
    public String user() {
        return user;
    }

    /** The password written in the URL, or null; never shown. */
    public String password() {
        return password;
    }

    /** The same server and parameters, another database: a scratch, restored or maintenance database. */
    public PgUrl withDatabase(String database) {
        Matcher shape = SHAPE.matcher(url);
        if (!shape.matches()) {
            throw new IllegalStateException("a parsed URL keeps its shape");
        }
        String base = shape.group(1);
        String path = base.endsWith(":") ? database : "/" + database;
        String query = shape.group(3) == null ? "" : shape.group(3);
        Properties moved = new Properties();
        moved.putAll(parsed);
        moved.setProperty("PGDBNAME", database);
        return new PgUrl(base + path + query, moved, user, password);
    }

    /** The URL for logs and messages: credentials were taken out, and any password parameter left is masked. */
    @Override
    public String toString() {
        return Redactor.maskUrls(url);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgUrl other && url.equals(other.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}
