package io.github.dbmig.testing;

import io.github.dbmig.log.Log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps what dbmig logged, for assertions. */
public final class RecordingLog implements Log {

    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    public boolean contains(String text) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
