package io.github.dbmig.fleet;

import io.github.dbmig.config.Database;
import io.github.dbmig.config.DatabaseSelector;
import io.github.dbmig.config.PgUrl;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.errors.SetupException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands a declaration that stands for many databases into them: a database name pattern in the URL
 * ({@code jdbc:postgresql://host/tenant_*}: every database of that server whose name matches, templates excluded) and a
 * schema pattern ({@code tenant_*}: every matching schema, each with its own changelog and {@code ${schema}}). Each
 * gets the id {@code <id>/<name>}. A pattern that matches nothing is an error naming it.
 */
public final class Discovery {

    private Discovery() {}

    /**
     * The databases {@code choice} wants of {@code declared}, sorted by id; the declared one itself when it is no
     * pattern.
     */
    public static List<Database> expand(Database declared, DatabaseSelector.Choice choice) {
        if (!declared.isDiscovery()) {
            if (!choice.members().isEmpty()) {
                throw new SetupException("-Ddb="
                        + String.join(
                                ",",
                                choice.members().stream()
                                        .map(m -> declared.id() + "/" + m)
                                        .toList()) + ": <database> "
                        + declared.id() + " is one database, not a pattern that stands for several; select it as -Ddb="
                        + declared.id() + ".");
            }
            return List.of(declared);
        }
        List<Database> members = new ArrayList<>();
        boolean databasePattern = DatabaseSelector.isPattern(declared.url().database());
        List<String> names =
                databasePattern ? databases(declared) : List.of(declared.url().database());
        for (String name : names) {
            PgUrl url = declared.url().withDatabase(name);
            if (DatabaseSelector.isPattern(declared.schema())) {
                for (String schema : schemas(declared, url)) {
                    String member = databasePattern ? name + "/" + schema : schema;
                    if (choice.wants(member)) {
                        members.add(declared.member(member, url, schema));
                    }
                }
            } else if (choice.wants(name)) {
                members.add(declared.member(name, url, declared.schema()));
            }
        }
        if (members.isEmpty()) {
            String hosts = declared.url().hosts();
            throw new SetupException("<database> " + declared.id() + ": "
                    + (databasePattern && names.isEmpty()
                            ? "the pattern " + declared.url().database() + " matches no database on " + hosts
                            : !choice.members().isEmpty()
                                    ? "-Ddb picks none of the databases it stands for ("
                                            + String.join(", ", choice.members()) + ")"
                                    : "the pattern " + declared.schema() + " matches no schema"
                                            + (databasePattern
                                                    ? " in the databases "
                                                            + declared.url().database() + " stands for"
                                                    : "")
                                            + " on " + hosts)
                    + ".");
        }
        members.sort((a, b) -> a.id().compareTo(b.id()));
        return members;
    }

    private static List<String> databases(Database declared) {
        List<String> names = new ArrayList<>();
        SetupException last = null;
        for (String maintenance : new String[] {"postgres", "template1"}) {
            try (Connection c = PgConnector.open(declared, declared.url().withDatabase(maintenance));
                    Statement q = c.createStatement();
                    ResultSet rs =
                            q.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn"
                                    + " ORDER BY datname")) {
                while (rs.next()) {
                    if (DatabaseSelector.matches(declared.url().database(), rs.getString(1))) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            } catch (SetupException e) {
                last = e;
            } catch (SQLException e) {
                throw new SetupException(
                        "<database> " + declared.id() + ": cannot list the databases on "
                                + declared.url().hosts() + ": " + e.getMessage(),
                        e);
            }
        }
        throw last;
    }

    private static List<String> schemas(Database declared, PgUrl url) {
        List<String> names = new ArrayList<>();
        try (Connection c = PgConnector.open(declared, url);
                Statement q = c.createStatement();
                ResultSet rs = q.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_'"
                        + " AND nspname <> 'information_schema' ORDER BY nspname")) {
            while (rs.next()) {
                if (DatabaseSelector.matches(declared.schema(), rs.getString(1))) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new SetupException(
                    "<database> " + declared.id() + ": cannot list the schemas of " + url + ": " + e.getMessage(), e);
        }
        return names;
    }
}
