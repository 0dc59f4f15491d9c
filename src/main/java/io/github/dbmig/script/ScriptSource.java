package io.github.dbmig.script;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a database's scripts come from and how to read them.
 *
 * @param directory the scripts directory
 * @param charset   their encoding
 * @param variables values for {@code ${name}}
 */
public record ScriptSource(Path directory, Charset charset, Map<String, String> variables) {

    public ScriptSet scan(List<String> warnings) {
        return ScriptDirectory.scan(directory, warnings);
    }

    public ScriptParser parser() {
        return new ScriptParser(charset, variables);
    }
}
