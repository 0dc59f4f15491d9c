package io.github.dbmig.testdb;

import io.github.dbmig.config.Database;
import io.github.dbmig.connect.PgConnector;
import io.github.dbmig.errors.MigrationFailedException;
import io.github.dbmig.errors.SetupException;
import io.github.dbmig.log.Log;
import io.github.dbmig.script.SqlSplitter;
import io.github.dbmig.script.SqlStatement;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static io.github.dbmig.errors.Messages.about;

/**
 * A database's {@code <testData>}: the {@code .sql} files of a directory, run in name order after the upgrade, all in
 * one transaction, and not recorded in the changelog. A failing file is named with its line, and nothing of any file
 * is kept.
 */
final class TestData {

    private TestData() {}

    /** @return how many files were run */
    static int load(Database database, Path directory, Log log) {
        List<Path> files = files(database, directory);
        try (Connection connection = PgConnector.open(database)) {
            connection.setAutoCommit(false);
            for (Path file : files) {
                String text = read(file, database);
                for (SqlStatement statement : SqlSplitter.split(text, 1)) {
                    try (Statement sql = connection.createStatement()) {
                        sql.execute(statement.sql());
                    } catch (SQLException e) {
                        connection.rollback();
                        String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
                                ? p.getServerErrorMessage().getMessage()
                                : e.getMessage();
                        int line = e instanceof PSQLException p
                                        && p.getServerErrorMessage() != null
                                        && p.getServerErrorMessage().getPosition() > 0
                                ? statement.lineOfPosition(
                                        p.getServerErrorMessage().getPosition())
                                : statement.line();
                        throw new MigrationFailedException(
                                about(database.id()) + "test data " + file + " failed at"
                                        + " line " + line + " (" + statement.summary() + "): " + message
                                        + ". No test data was loaded.",
                                e);
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new MigrationFailedException(
                    about(database.id()) + "loading the test data failed: " + e.getMessage()
                            + ". No test data was loaded.",
                    e);
        }
        if (!files.isEmpty()) {
            log.info(about(database.id()) + "loaded " + files.size() + " test data file(s) from " + directory + ".");
        }
        return files.size();
    }

    /**
     * Fails naming {@code <testData>} when the database has one that is not a directory: checked before any container
     * is started or script run, and again when the data is loaded.
     */
    static void requireDirectory(Database database) {
        if (database.start().testData() != null) {
            requireDirectory(database, database.start().testData());
        }
    }

    private static void requireDirectory(Database database, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new SetupException(
                    "<database> " + database.id() + ": <testData> " + directory + " is not a directory.");
        }
    }

    private static List<Path> files(Database database, Path directory) {
        requireDirectory(database, directory);
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SetupException(
                    "<database> " + database.id() + ": cannot list <testData> " + directory + ": " + e.getMessage());
        }
    }

    private static String read(Path file, Database database) {
        try {
            String text = Files.readString(file, database.encoding());
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new SetupException("Cannot read test data " + file + ": " + e.getMessage());
        }
    }
}
