package io.github.dbmig.script;

import io.github.dbmig.checksum.Sha256;
import io.github.dbmig.errors.SetupException;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;

/**
 * SHA-256 of a script's up part as written in the file, before variables are filled in, with line endings
 * normalised: a CRLF checkout, or a BOM, is not a change; anything else in the up part is. The undo part does not
 * count, so adding a missing undo to an applied script is allowed.
 */
public final class ScriptChecksum {

    private ScriptChecksum() {}

    /** @param charset the scripts' encoding, as the parser reads them: both must see the same text */
    public static String of(ScriptFile file, Charset charset) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new SetupException("Cannot read script " + file.path() + ": " + e.getMessage(), e);
        }
        String content = new String(bytes, charset);
        ScriptParser.checkDeclaredUndo(file, content);
        return ofText(content);
    }

    /** The checksum of a whole script file's text. */
    public static String ofText(String content) {
        Sha256 sha = new Sha256();
        int start = content.startsWith("\uFEFF") ? 1 : 0;
        int length = content.length();
        while (start <= length) {
            int end = start;
            while (end < length && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                end++;
            }
            String line = content.substring(start, end);
            if (mayBeUndoMarker(line) && ScriptFormat.UNDO_MARKER.matcher(line).matches()) {
                break;
            }
            sha.update(line);
            sha.update((byte) '\n');
            // CRLF, CR and LF all end one line
            start = end < length && content.charAt(end) == '\r' && end + 1 < length && content.charAt(end + 1) == '\n'
                    ? end + 2
                    : end + 1;
        }
        return sha.hex();
    }

    /** A cheap test before the regular expression: the marker starts, after blanks, with -- or //. */
    private static boolean mayBeUndoMarker(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.startsWith("--", i) || line.startsWith("//", i);
    }
}
