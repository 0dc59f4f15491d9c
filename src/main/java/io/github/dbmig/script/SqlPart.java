package io.github.dbmig.script;

import java.util.List;

/**
 * The up or undo part of a script, variables already filled in.
 *
 * @param firstLine  the file line on which it starts
 * @param statements its statements; empty when the part holds only comments
 */
public record SqlPart(int firstLine, List<SqlStatement> statements) {

    public boolean isEmpty() {
        return statements.isEmpty();
    }
}
