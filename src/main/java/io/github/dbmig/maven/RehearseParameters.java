package io.github.dbmig.maven;

/** The {@code <rehearse>} element of the plugin's configuration: where dbmig:rehearse makes its scratch copy. */
public class RehearseParameters {

    /**
     * The id of another declared database whose server takes the scratch copy (an {@code <image>} one of the same
     * PostgreSQL major version, say); by default the database's own server. {@code -Ddbmig.rehearse.server} overrides it.
     */
    String server;
}
