package io.github.dbmig.checksum;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one digest dbmig uses: of scripts, schema fingerprints and backups, always as lower-case hex. */
public final class Sha256 {

    private final MessageDigest digest = newDigest();

    /** The hex digest of a text's UTF-8 bytes. */
    public static String of(String text) {
        return new Sha256().update(text).hex();
    }

    /** The hex digest of a file's bytes. */
    public static String of(Path file) throws IOException {
        return new Sha256().update(file).hex();
    }

    public Sha256 update(String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Sha256 update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        return this;
    }

    public Sha256 update(byte b) {
        digest.update(b);
        return this;
    }

    public Sha256 update(Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return this;
    }

    /** Finishes the digest; the object is not to be used afterwards. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** An output stream that hashes and counts what passes through it, so a streamed file needs no second read. */
    public static final class DigestingOutput extends FilterOutputStream {
        private final Sha256 sha = new Sha256();
        private volatile long count;

        public DigestingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            count += len;
        }

        public long count() {
            return count;
        }

        public String hex() {
            return sha.hex();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
