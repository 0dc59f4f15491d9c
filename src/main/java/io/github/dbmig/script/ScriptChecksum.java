package io.github.dbmig.script;

import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a script's up part as written in the file, before variables are filled in, with line endings
 * normalised: a CRLF checkout, or a BOM, is not a change; anything else in the up part is. The undo part does not
 * count, so adding a missing undo to an applied script is allowed.
 */
public final class ScriptChecksum {


    private ScriptChecksum() {
    }

    public static String of(ScriptFile file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new SetupException("Cannot read script " + file.path() + ": " + e.getMessage(), e);
        }
        return ofText(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The checksum of a whole script file's text. */
    public static String ofText(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        StringBuilder up = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (ScriptFormat.UNDO_MARKER.matcher(line).matches()) {
                break;
            }
            up.append(line).append('\n');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(up.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
