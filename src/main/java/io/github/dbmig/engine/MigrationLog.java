package io.github.dbmig.engine;

/** Where the engine reports progress; the Maven layer forwards it to the build log. */
public interface MigrationLog {

    void info(String message);

    void warn(String message);

    void debug(String message);
}
