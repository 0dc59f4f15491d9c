package io.github.dbmig.errors;

/**
 * An expected outcome that stops the build: a failing script, out-of-order scripts, a missing undo part,
 * a lock that could not be had in time. The setup is sound; the database or the scripts need attention.
 */
public class MigrationFailedException extends DbmigException {

    public MigrationFailedException(String message) {
        super(message);
    }

    public MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
