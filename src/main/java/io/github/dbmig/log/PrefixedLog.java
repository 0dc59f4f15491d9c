package io.github.dbmig.log;

import java.util.List;

import static io.github.dbmig.errors.Messages.about;

/**
 * A database's lines in a run over many databases: each line prefixed with the database's id (a message of several
 * lines gets it on every line), written whole (never interleaved with another database's line); a message that itself
 * begins with {@code Database <id>: } loses those words, which the prefix says already. In concise mode,
 * per-statement details go to debug, so that a database says one line per script.
 */
public final class PrefixedLog implements Log {

    private final Log log;
    private final String prefix;
    private final String saysId;
    private final boolean concise;

    public PrefixedLog(Log log, String id, boolean concise) {
        this.log = log;
        this.prefix = "[" + id + "] ";
        this.saysId = about(id);
        this.concise = concise;
    }

    @Override
    public void info(String message) {
        synchronized (log) {
            lines(message).forEach(log::info);
        }
    }

    @Override
    public void warn(String message) {
        synchronized (log) {
            lines(message).forEach(log::warn);
        }
    }

    @Override
    public void debug(String message) {
        synchronized (log) {
            lines(message).forEach(log::debug);
        }
    }

    @Override
    public void detail(String message) {
        if (concise) {
            debug(message);
        } else {
            info(message);
        }
    }

    private List<String> lines(String message) {
        String text = String.valueOf(message);
        text = text.startsWith(saysId) ? text.substring(saysId.length()) : text;
        return text.isEmpty()
                ? List.of(prefix.strip())
                : text.lines().map(line -> prefix + line).toList();
    }
}
