package io.github.dbmig.backup;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last bytes written to it, at most a fixed number, so that a program that talks a lot cannot fill the
 * memory and its last words (pg_dump's fatal line comes last) are kept. When earlier output was dropped, the text
 * starts at the first whole line kept, after a line that says so.
 */
final class TailOutput extends OutputStream {

    /** The first line of the text when earlier output was dropped. */
    static final String DROPPED = "[… earlier output dropped]";

    private final byte[] ring;
    private long written;

    TailOutput(int limit) {
        this.ring = new byte[limit];
    }

    @Override
    public synchronized void write(int b) {
        ring[(int) (written++ % ring.length)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (len > ring.length) { // only the last ring.length bytes can stay
            written += len - ring.length;
            off += len - ring.length;
            len = ring.length;
        }
        int at = (int) (written % ring.length);
        int first = Math.min(len, ring.length - at);
        System.arraycopy(b, off, ring, at, first);
        System.arraycopy(b, off + first, ring, 0, len - first);
        written += len;
    }

    /** What was kept, as UTF-8 text. */
    synchronized String text() {
        if (written <= ring.length) {
            return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
        }
        byte[] kept = new byte[ring.length];
        int start = (int) (written % ring.length);
        System.arraycopy(ring, start, kept, 0, ring.length - start);
        System.arraycopy(ring, 0, kept, ring.length - start, start);
        int line = 0;
        while (line < kept.length && kept[line] != '\n') {
            line++;
        }
        int from = line < kept.length ? line + 1 : 0; // a part line (perhaps a part character) is left out
        return DROPPED + "\n" + new String(kept, from, kept.length - from, StandardCharsets.UTF_8);
    }
}
