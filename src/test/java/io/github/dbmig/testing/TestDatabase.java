package io.github.dbmig.testing;

import io.github.dbmig.config.Credentials;
import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseBuilder;
import io.github.dbmig.config.PgUrl;
import org.testcontainers.containers.PostgreSQLContainer;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A database of the shared test server, with helpers to look at it over JDBC. */
public final class TestDatabase {

    private final PostgreSQLContainer<?> server;
    private final String name;

    TestDatabase(PostgreSQLContainer<?> server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Database {@code name} of {@code server}: a server of a test's own, started as it needs. */
    public static TestDatabase on(PostgreSQLContainer<?> server, String name) {
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://" + server.getHost() + ":" + server.getMappedPort(5432) + "/" + name;
    }

    public String username() {
        return server.getUsername();
    }

    public String password() {
        return server.getPassword();
    }

    /** This database as a pom would declare it, id {@code testdb}: complete it (scripts, schema, …) and build it. */
    public DatabaseBuilder builder() {
        return new DatabaseBuilder("<database> testdb").id("testdb").url(url());
    }

    /** The credentials of the test server, for {@link DatabaseBuilder#build}. */
    public BiFunction<String, PgUrl, Credentials> credentials() {
        return (id, url) -> new Credentials(username(), password(), "test", "test");
    }

    /** This database as a pom would declare it, with its scripts in {@code scripts}. */
    public Database database(Path scripts) {
        return builder().scripts(scripts).build(credentials());
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), username(), password());
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public boolean tableExists(String qualifiedName) throws SQLException {
        return queryLongs("SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + qualifiedName + "')")
                        .get(0)
                == 1;
    }

    /** The ids in the changelog table, ascending. */
    public List<Long> changelogIds(String qualifiedTable) throws SQLException {
        return queryLongs("SELECT id FROM " + qualifiedTable + " ORDER BY id");
    }

    public List<Long> queryLongs(String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(new BigDecimal(rs.getString(1)).longValueExact());
            }
        }
        return values;
    }

    public List<String> queryStrings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
