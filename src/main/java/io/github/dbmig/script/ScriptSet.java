package io.github.dbmig.script;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The scripts of one directory, by ascending id. */
public final class ScriptSet {

    private final Path directory;
    private final Map<ScriptId, ScriptFile> byId = new LinkedHashMap<>();
    private final Map<ScriptFile, String> checksums = new ConcurrentHashMap<>();
    private Charset checksumCharset;

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

    /**
     * The {@link ScriptChecksum} of a script of this set, each file read once per set (so once per goal).
     *
     * @param charset the database's script encoding; the same for every call on a set
     */
    public String checksum(ScriptFile script, Charset charset) {
        synchronized (checksums) {
            if (checksumCharset == null) {
                checksumCharset = charset;
            } else if (!checksumCharset.equals(charset)) {
                throw new IllegalArgumentException("checksums of one script set in two encodings");
            }
        }
        return checksums.computeIfAbsent(script, s -> ScriptChecksum.of(s, charset));
    }

    /** Reads every script's checksum now, while something else waits (the connection being opened). */
    public void readChecksums(Charset charset) {
        byId.values().forEach(script -> checksum(script, charset));
    }

    public int size() {
        return byId.size();
    }
}
