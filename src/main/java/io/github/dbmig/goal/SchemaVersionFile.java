package io.github.dbmig.goal;

import io.github.dbmig.errors.SetupException;
import io.github.dbmig.script.SchemaVersion;
import io.github.dbmig.script.ScriptDirectory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code META-INF/dbmig/schema-version.properties}: the schema version a build's scripts make, for the artifact. The
 * keys {@code head}, {@code scripts}, {@code checksum} and {@code version} describe the plugin-level scripts directory;
 * a database with scripts of its own adds the same keys prefixed with its id ({@code <id>.head}, …). Written without a
 * date, so that the same scripts give the same file.
 */
public final class SchemaVersionFile {

    public static final String PATH = "META-INF/dbmig/schema-version.properties";

    private SchemaVersionFile() {}

    /**
     * @param directories the scripts directories: the plugin-level one under the empty prefix, databases' own ones
     *                    under their ids
     * @return the keys written, in order
     */
    public static Map<String, String> write(
            Path resourceDirectory, Map<String, Path> directories, Charset encoding, String projectVersion) {
        Map<String, String> keys = new LinkedHashMap<>();
        directories.forEach((prefix, directory) -> {
            List<String> warnings = new ArrayList<>();
            SchemaVersion version = SchemaVersion.of(ScriptDirectory.scan(directory, warnings), encoding);
            String p = prefix.isEmpty() ? "" : prefix + ".";
            keys.put(p + "head", version.head());
            keys.put(p + "scripts", Integer.toString(version.scripts()));
            keys.put(p + "checksum", version.checksum());
            keys.put(p + "version", projectVersion);
        });
        StringBuilder text = new StringBuilder("# The database schema these scripts make (dbmig:schema-version)\n");
        keys.forEach((key, value) ->
                text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Path file = resourceDirectory.resolve(PATH);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SetupException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return keys;
    }
}
