package io.coinlake.connect.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** The bytes of an object: JSON Lines, optionally gzipped. Deterministic, so redeliveries compare equal. */
final class ObjectEncoder {
    private ObjectEncoder() {
    }

    static byte[] encode(ObjectBatcher.ClosedObject object) {
        byte[] lines = object.jsonLines();
        if (!object.key().gzip()) {
            return lines;
        }
        // Java's gzip header has no timestamp or file name, so equal input gives equal bytes.
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
