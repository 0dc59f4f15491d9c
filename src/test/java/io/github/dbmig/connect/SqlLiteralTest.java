package io.github.dbmig.connect;

import io.github.dbmig.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * dbmig's own rows go to the server as SQL text in the script's batch: every literal must read back as written, with
 * {@code standard_conforming_strings} on or off (a script may turn it off for the rest of its session).
 */
class SqlLiteralTest {

    private static final List<String> TEXTS = Arrays.asList(
            "plain",
            "it's",
            "C:\\builds\\app",
            "\\'; DROP TABLE x; --",
            "tab\tand\nnewline",
            "ends with \\",
            "''",
            "ümlaut and 日本",
            "$$dollar$$",
            "",
            null);

    @Test
    void everyTextReadsBackAsWrittenWhateverStandardConformingStringsSays() throws Exception {
        try (Connection c = TestPostgres.adminConnection();
                Statement s = c.createStatement()) {
            for (String setting : List.of("on", "off")) {
                s.execute("SET standard_conforming_strings = " + setting);
                List<String> read = new ArrayList<>();
                for (String text : TEXTS) {
                    try (ResultSet rs = s.executeQuery("SELECT " + SqlIdentifier.literal(text) + "::text")) {
                        rs.next();
                        read.add(rs.getString(1));
                    }
                }
                assertEquals(TEXTS, read, "standard_conforming_strings = " + setting);
            }
        }
    }
}
