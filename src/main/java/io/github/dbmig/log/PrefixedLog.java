package io.github.dbmig.log;

/**
 * A database's lines in a run over many databases: each prefixed with the database's id, written whole (never
 * interleaved with another database's line); in concise mode, per-statement details go to debug, so that a database
 * says one line per script.
 */
public final class PrefixedLog implements Log {

    private final Log log;
    private final String prefix;
    private final boolean concise;

    public PrefixedLog(Log log, String id, boolean concise) {
        this.log = log;
        this.prefix = "[" + id + "] ";
        this.concise = concise;
    }

    @Override
    public void info(String message) {
        synchronized (log) {
            log.info(prefix + message);
        }
    }

    @Override
    public void warn(String message) {
        synchronized (log) {
            log.warn(prefix + message);
        }
    }

    @Override
    public void debug(String message) {
        synchronized (log) {
            log.debug(prefix + message);
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
}
