package io.github.dbmig.testdb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a project's integration tests reach a database that {@code dbmig:start} made ready.
 *
 * @param databaseId the database's id, which prefixes the project properties ({@code dbmig.<id>.url}, …)
 * @param url        a plain JDBC URL, with no credentials in it
 * @param username   the user
 * @param password   the password, or null when it is not published
 * @param host       the host
 * @param port       the port
 * @param database   the database's name
 * @param origin     where it runs, for the log
 */
public record Published(
        String databaseId,
        String url,
        String username,
        String password,
        String host,
        String port,
        String database,
        String origin) {

    /** The keys and values of {@code target/dbmig/<id>.properties}: url, username, password, host, port, database. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("url", url);
        properties.put("username", username);
        if (password != null) {
            properties.put("password", password);
        }
        properties.put("host", host);
        properties.put("port", port);
        properties.put("database", database);
        return properties;
    }

    @Override
    public String toString() {
        return url + " as " + username; // never the password
    }
}
