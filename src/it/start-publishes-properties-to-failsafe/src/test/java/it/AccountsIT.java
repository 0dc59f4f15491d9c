package it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An integration test of the sample project: it reaches the database through the properties dbmig:start published, the
 * password through the environment (failsafe writes system properties into its reports).
 */
class AccountsIT {

    @Test
    void seesTheMigratedTableAndTheTestData() throws Exception {
        List<String> owners = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.username"),
                System.getenv("DB_PASSWORD"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT owner FROM accounts ORDER BY id")) {
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
        }
        assertEquals(List.of("from a migration", "from the test data"), owners);
    }
}
