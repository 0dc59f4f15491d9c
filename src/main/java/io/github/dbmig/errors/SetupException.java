package io.github.dbmig.errors;

/**
 * A broken setup: bad configuration, an unreadable or misnamed script, a database that cannot be reached.
 */
public class SetupException extends DbmigException {

    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
