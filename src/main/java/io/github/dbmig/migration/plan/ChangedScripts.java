package io.github.dbmig.migration.plan;

import io.github.dbmig.migration.tables.DatabaseState;
import io.github.dbmig.script.ScriptFile;
import io.github.dbmig.script.ScriptSet;

import java.nio.charset.Charset;
import java.util.List;

/** Applied scripts whose up part no longer has the checksum recorded when they were applied or last stamped. */
public final class ChangedScripts {

    private ChangedScripts() {}

    public static List<ScriptFile> find(ScriptSet scripts, DatabaseState state, Charset charset) {
        return scripts.all().stream()
                .filter(s -> state.applied().containsKey(s.id()))
                .filter(s -> {
                    String recorded = state.checksums().get(s.id());
                    return recorded != null && !recorded.equals(scripts.checksum(s, charset));
                })
                .toList();
    }
}
