package io.github.dbmig.maven;

/**
 * The {@code <rehearse>} element, of the plugin's configuration or of one {@code <database>}: where dbmig:rehearse
 * makes its scratch copy.
 */
public class RehearseParameters {

    /**
     * The id of another declared database whose server takes the scratch copy (an {@code <image>} one of the same
     * PostgreSQL major version, say); by default the database's own server. A database's own {@code <rehearse>} wins
     * over the plugin's, and {@code -Ddbmig.rehearse.server} over both.
     */
    String server;
}
