package io.github.dbmig.script;

import io.github.dbmig.checksum.Sha256;

import java.nio.charset.Charset;

/**
 * What a set of scripts makes of a database, in three values an application can compare with its database at
 * start-up: the newest script's id, how many scripts there are, and a checksum over every script's id and up part.
 *
 * @param head     the newest script's id, or {@code 0} when there is none
 * @param scripts  how many scripts there are
 * @param checksum SHA-256 (hex) of one line {@code <id>:<checksum of the up part>\n} per script, in id order; an edit
 *                 of an undo part does not change it, an edit of an up part does
 */
public record SchemaVersion(String head, int scripts, String checksum) {

    public static SchemaVersion of(ScriptSet set, Charset charset) {
        Sha256 sha = new Sha256();
        for (ScriptFile script : set.all()) {
            sha.update(script.id() + ":" + set.checksum(script, charset) + "\n");
        }
        return new SchemaVersion(set.newestId().map(ScriptId::toString).orElse("0"), set.size(), sha.hex());
    }
}
