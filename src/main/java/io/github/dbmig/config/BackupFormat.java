package io.github.dbmig.config;

import io.github.dbmig.errors.SetupException;

import java.util.Locale;

/** pg_dump's output formats, as dbmig names and stores them. */
public enum BackupFormat {
    /** {@code pg_dump -Fc}: one compressed file, restored with pg_restore (in parallel). The default. */
    CUSTOM("c", "dump"),
    /** {@code pg_dump -Fd}: a directory, dumped and restored in parallel ({@code jobs}). */
    DIRECTORY("d", "dir"),
    /** {@code pg_dump -Fp -Z}: gzip-compressed SQL, the runbooks' {@code pg_dump | gzip}; restored with psql. */
    PLAIN("p", "sql.gz");

    private final String flag;
    private final String extension;

    BackupFormat(String flag, String extension) {
        this.flag = flag;
        this.extension = extension;
    }

    /** The letter after pg_dump's {@code -F}. */
    public String flag() {
        return flag;
    }

    public String extension() {
        return extension;
    }

    public static BackupFormat parse(String text, String setting) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SetupException(
                    setting + " \"" + text + "\" is not a backup format; use custom, directory or plain.");
        }
    }
}
