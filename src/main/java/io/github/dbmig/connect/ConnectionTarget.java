package io.github.dbmig.connect;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.RedactedUrl;

/**
 * Where and as whom to connect.
 *
 * @param url         JDBC URL
 * @param credentials user and password; the password is never shown
 */
public record ConnectionTarget(String url, Credentials credentials) {

    @Override
    public String toString() {
        return RedactedUrl.of(url) + " as " + credentials;
    }
}
