package io.github.dbmig.errors;

/** How dbmig's messages begin, and text taken from a driver's or a program's message into one of dbmig's. */
public final class Messages {

    private Messages() {}

    /**
     * {@code Database <id>: }, how a message about one database begins; {@code log.PrefixedLog} drops these words where
     * its prefix says them already.
     */
    public static String about(String databaseId) {
        return "Database " + databaseId + ": ";
    }

    /** The first line of {@code message}, which for PgJDBC and the client programs says what happened. */
    public static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
