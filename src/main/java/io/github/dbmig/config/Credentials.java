package io.github.dbmig.config;

/**
 * A user name and password, with where each came from. {@link #toString()} never shows the password.
 *
 * @param username       the database user
 * @param password       the password, or null to connect without one (trust, peer, certificates)
 * @param usernameSource where the user name came from, for logs
 * @param passwordSource where the password came from, for logs
 */
public record Credentials(String username, String password, String usernameSource, String passwordSource) {

    public boolean hasPassword() {
        return password != null;
    }

    @Override
    public String toString() {
        return "user " + username + " (" + usernameSource + "), "
                + (hasPassword() ? "password from " + passwordSource : "no password");
    }
}
