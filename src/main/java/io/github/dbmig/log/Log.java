package io.github.dbmig.log;

/**
 * Where the core reports what it does: the one log interface below the Maven layer, which forwards it to the build
 * log. Messages are complete sentences and never carry a secret.
 */
public interface Log {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A detail below the level of one line per script (a statement's NOTICE, say): info, unless the log is concise. */
    default void detail(String message) {
        info(message);
    }

    /** Discards everything: for callers that want no output. */
    Log NONE = new Log() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
    };
}
