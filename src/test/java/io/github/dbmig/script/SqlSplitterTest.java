package io.github.dbmig.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlSplitterTest {

    private static List<String> heads(String sql) {
        return SqlSplitter.split(sql, 1).stream().map(SqlStatement::head).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        List<SqlStatement> statements = SqlSplitter.split("""
                INSERT INTO t VALUES ('a;b', 'it''s; ok');
                -- comment; here
                SELECT "semi;colon" FROM t; /* block; /* nested; */ still; */ SELECT E'\\';' ;
                SELECT $$ ; $$, $tag$ $$ ; $tag$;
                SELECT 1""", 1);
        assertEquals(
                List.of("INSERT INTO T VALUES", "SELECT FROM T", "SELECT", "SELECT", "SELECT"),
                statements.stream().map(SqlStatement::head).toList());
        assertEquals(
                List.of(1, 3, 3, 4, 5),
                statements.stream().map(SqlStatement::line).toList());
    }

    @Test
    void keepsBeginAtomicBodiesWhole() {
        List<SqlStatement> statements = SqlSplitter.split("""
                CREATE OR REPLACE FUNCTION f(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN i > 0 THEN 1 ELSE 0 END;
                  SELECT i;
                END;
                SELECT f(1);
                """, 1);
        assertEquals(2, statements.size());
        assertTrue(statements.get(0).startsWith("CREATE", "OR", "REPLACE", "FUNCTION"));
        assertTrue(
                statements.get(0).sql().strip().endsWith("END"),
                statements.get(0).sql());
        assertEquals("SELECT F", statements.get(1).head());
    }

    @Test
    void beginAtomicBodiesWithEndAsANameOrBeginAsAParameterStayWhole() {
        List<SqlStatement> statements = SqlSplitter.split("""
                CREATE FUNCTION spans(begin int, "end" int) RETURNS TABLE (s int, e int) LANGUAGE sql
                BEGIN ATOMIC
                  SELECT t.begin, t.end FROM periods t WHERE t.begin >= spans.begin;
                  SELECT begin AS s, CASE WHEN "end" > 0 THEN "end" END AS end FROM periods;
                END;
                SELECT 1;
                """, 1);
        assertEquals(List.of(1, 6), statements.stream().map(SqlStatement::line).toList());
        assertTrue(
                statements.get(0).startsWith("CREATE", "FUNCTION", "SPANS"),
                statements.get(0).head());
        assertEquals("SELECT", statements.get(1).head());
        assertTrue(
                statements.get(0).sql().strip().endsWith("FROM periods;\nEND"),
                statements.get(0).sql());
    }

    @Test
    void summaryShowsTheStatementNotTheCommentsBeforeIt() {
        List<SqlStatement> statements =
                SqlSplitter.split("-- // slow data\n-- more words\nUPDATE ledger SET x = 1;\n", 1);
        assertEquals("UPDATE ledger SET x = 1", statements.get(0).summary());
        assertEquals(3, statements.get(0).line());
    }

    @Test
    void headKeepsEnoughWordsToRecogniseAStatement() {
        assertEquals(
                List.of("ALTER TABLE MEASUREMENTS DETACH PARTITION MEASUREMENTS_2020 CONCURRENTLY"),
                heads("ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;"));
    }

    @Test
    void dollarSignsInsideNamesAndParametersAreNotQuotes() {
        assertEquals(
                List.of("SELECT A$B FROM T WHERE X", "SELECT"), heads("SELECT a$b FROM t WHERE x = $1; SELECT 2;"));
    }

    @Test
    void commentOnlyTextHasNoStatements() {
        assertEquals(List.of(), heads("-- nothing\n/* at all; */\n  \n"));
    }

    @Test
    void lineOfPositionCountsFromTheStatementStart() {
        List<SqlStatement> statements = SqlSplitter.split("SELECT 1;\n\nSELECT\n  broken FROM t;", 10);
        SqlStatement second = statements.get(1);
        assertEquals(12, second.line());
        int position = second.sql().indexOf("broken") + 1;
        assertEquals(13, second.lineOfPosition(position));
    }

    @Test
    void unterminatedQuoteSwallowsTheRestAsPostgreSQLWould() {
        assertEquals(List.of("SELECT"), heads("SELECT 'open; SELECT 2;"));
    }
}
