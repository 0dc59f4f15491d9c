package io.github.dbmig.errors;

/**
 * A dbmig error whose message is complete on its own: it names the database, file, line or
 * configuration element at fault and never carries a secret. Callers show the message, not a stack trace.
 */
public abstract class DbmigException extends RuntimeException {

    protected DbmigException(String message) {
        super(message);
    }

    protected DbmigException(String message, Throwable cause) {
        super(message, cause);
    }
}
