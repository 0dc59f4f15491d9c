package io.github.dbmig.testdb.docker;

import java.util.Map;

/**
 * A PostgreSQL container that dbmig started: where to reach it, and as whom.
 *
 * @param id       the container's id
 * @param image    the image it runs
 * @param host     where its port is published
 * @param port     the published port
 * @param user     the superuser it was created with
 * @param password that user's password (random); never shown
 * @param labels   dbmig's labels on it
 */
public record PostgresContainer(
        String id, String image, String host, int port, String user, String password, Map<String, String> labels) {

    /** The first 12 characters of the id, as {@code docker ps} shows it. */
    public String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }

    /** A JDBC URL of one of its databases. */
    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "container " + shortId() + " (" + image + ")"; // never the password
    }
}
