package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;
import org.apache.ibatis.migration.Change;
import org.apache.ibatis.migration.FileMigrationLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the migration scripts in a directory: every {@code *.sql} file must be named
 * {@code <id>_<description>.sql}; anything else stops the run before it touches a database.
 */
public final class ScriptDirectory {

    /** MyBatis' special files; they are not migrations and dbmig does not run them. */
    private static final List<String> MYBATIS_SPECIAL_FILES = List.of("bootstrap.sql", "onabort.sql");

    private static final Pattern SCRIPT_NAME = Pattern.compile("(\\d+)_(.+)\\.sql");
    /** A name like a script's with the wrong ending: 003_x.SQL, 003_x.sql.txt, 003_x.psql. */
    private static final Pattern LOOKS_LIKE_SCRIPT = Pattern.compile("(?i)\\d+_.+\\.(sql|psql|pgsql|ddl)(\\.\\w+)?");

    private ScriptDirectory() {}

    /**
     * @param dir      the scripts directory
     * @param warnings receives a line for each file that is skipped
     * @return the scripts, by ascending id
     */
    public static ScriptSet scan(Path dir, List<String> warnings) {
        if (!Files.isDirectory(dir)) {
            throw new SetupException(
                    "The scripts directory " + dir + " does not exist. Set <scripts> (or -Ddbmig.scripts)"
                            + " to the folder that holds the migration scripts.");
        }
        List<String> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Path> sqlFiles = new HashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.sorted().forEach(path -> {
                String name = path.getFileName().toString();
                if (!name.endsWith(".sql")) {
                    if (LOOKS_LIKE_SCRIPT.matcher(name).matches()) {
                        problems.add(path + " looks like a script but does not end in .sql, so it would never run;"
                                + " rename it to end in .sql (lower case)");
                    } else if (!name.startsWith(".") && Files.isRegularFile(path)) {
                        skipped.add(name);
                    }
                } else if (MYBATIS_SPECIAL_FILES.contains(name)) {
                    warnings.add("Skipping " + path + ": it is a MyBatis " + name.replace(".sql", "")
                            + " script, which dbmig does not run.");
                } else if (!Files.isRegularFile(path)) {
                    problems.add(path + " is not a regular file");
                } else if (!SCRIPT_NAME.matcher(name).matches()) {
                    problems.add(path
                            + " is not named <id>_<description>.sql (id: digits, e.g. 20240101120000_add_users.sql)");
                } else if (ScriptId.parseOrNull(name.substring(0, name.indexOf('_'))) == null) {
                    problems.add(
                            path + " has an id longer than 20 digits, which the changelog's NUMERIC(20,0) cannot hold");
                } else if (ScriptId.parseOrNull(name.substring(0, name.indexOf('_')))
                        .isZero()) {
                    problems.add(path + " has the id 0, which means \"no script\" (downgrade -Ddbmig.target=0 undoes"
                            + " everything); start at 1");
                } else {
                    sqlFiles.put(name, path);
                }
            });
        } catch (IOException e) {
            throw new SetupException("Cannot list the scripts directory " + dir + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new SetupException("Cannot use the scripts in " + dir + ":\n  " + String.join("\n  ", problems)
                    + "\nRename or move these files; nothing was run.");
        }
        if (!skipped.isEmpty()) {
            warnings.add("Not scripts, so skipped, in " + dir + ": " + String.join(", ", skipped)
                    + " (scripts are named <id>_<description>.sql).");
        }
        return toScriptSet(dir, sqlFiles, problems);
    }

    /** Ids and descriptions come from MyBatis' loader, so names mean here exactly what they mean to MyBatis. */
    private static ScriptSet toScriptSet(Path dir, Map<String, Path> sqlFiles, List<String> problems) {
        List<Change> changes = new FileMigrationLoader(dir.toFile(), null, new Properties()).getMigrations();
        Map<ScriptId, ScriptFile> byId = new HashMap<>();
        List<ScriptFile> scripts = new ArrayList<>();
        for (Change change : changes) {
            Path path = sqlFiles.get(change.getFilename());
            if (path == null) {
                continue; // not a migration (a special file), or gone since the listing above
            }
            ScriptFile script = new ScriptFile(ScriptId.of(change.getId()), change.getDescription(), path);
            ScriptFile clash = byId.putIfAbsent(script.id(), script);
            if (clash != null) {
                problems.add(
                        "id " + script.id() + " is used by both " + clash.fileName() + " and " + script.fileName());
            }
            scripts.add(script);
        }
        if (!problems.isEmpty()) {
            throw new SetupException("Cannot use the scripts in " + dir + ":\n  " + String.join("\n  ", problems)
                    + "\nEvery script needs an id of its own; nothing was run.");
        }
        return new ScriptSet(dir, scripts);
    }
}
