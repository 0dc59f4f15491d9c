package io.github.dbmig.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scripts of one directory, by ascending id. */
public final class ScriptSet {

    private final Path directory;
    private final Map<ScriptId, ScriptFile> byId = new LinkedHashMap<>();

    public ScriptSet(Path directory, List<ScriptFile> scripts) {
        this.directory = directory;
        List<ScriptFile> sorted = new ArrayList<>(scripts);
        sorted.sort(Comparator.comparing(ScriptFile::id));
        sorted.forEach(s -> byId.put(s.id(), s));
    }

    public Path directory() {
        return directory;
    }

    public List<ScriptFile> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ScriptFile> find(ScriptId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(ScriptId id) {
        return byId.containsKey(id);
    }

    public Optional<ScriptId> newestId() {
        return byId.keySet().stream().max(Comparator.naturalOrder());
    }

    public int size() {
        return byId.size();
    }
}
