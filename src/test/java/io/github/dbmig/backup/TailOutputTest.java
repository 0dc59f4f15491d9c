package io.github.dbmig.backup;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tail buffer keeps the last bytes, however they are written, from the first whole line on. */
class TailOutputTest {

    @Test
    void whatFitsIsKeptWhole() {
        TailOutput out = new TailOutput(16);
        out.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8), 0, 8);

        assertEquals("one\ntwo\n", out.text());
    }

    @Test
    void theLastBytesAreKeptFromTheFirstWholeLineWhetherWrittenInPiecesAcrossTheEndOrAtOnce() {
        byte[] text = "first\nsecond\nthird\nlast\n".getBytes(StandardCharsets.UTF_8);
        TailOutput pieces = new TailOutput(12);
        for (int at = 0; at < text.length; at += 5) {
            pieces.write(text, at, Math.min(5, text.length - at));
        }
        TailOutput once = new TailOutput(12);
        once.write(text, 0, text.length);
        TailOutput bytes = new TailOutput(12);
        for (byte b : text) {
            bytes.write(b);
        }

        // the last 12 bytes are "\nthird\nlast\n": from the first whole line on
        assertEquals(TailOutput.DROPPED + "\nthird\nlast\n", pieces.text());
        assertEquals(TailOutput.DROPPED + "\nthird\nlast\n", once.text());
        assertEquals(TailOutput.DROPPED + "\nthird\nlast\n", bytes.text());
    }

    @Test
    void aLineLongerThanTheLimitKeepsItsEnd() {
        TailOutput out = new TailOutput(8);
        out.write("abcdefghijklmnop".getBytes(StandardCharsets.UTF_8), 0, 16);

        assertEquals(TailOutput.DROPPED + "\nijklmnop", out.text());
    }
}
