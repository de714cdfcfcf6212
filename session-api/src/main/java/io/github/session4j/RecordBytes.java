package io.github.session4j;

import java.util.Arrays;

/**
 * A stored record's bytes, possibly in pieces: the record as it was read or written whole, then the
 * delta frames this JVM appended to it since. The record cache keeps them in pieces so that an
 * append does not copy the whole record; they are joined once, the first time something needs
 * them whole (a decode of a record the cache holds no decoded form of). Never changed once made.
 */
final class RecordBytes {

    private static final byte[][] NO_FRAMES = new byte[0][];

    private final byte[] record;
    private final byte[][] frames;
    private final int length;
    private volatile byte[] whole;

    private RecordBytes(byte[] record, byte[][] frames, int length) {
        this.record = record;
        this.frames = frames;
        this.length = length;
        this.whole = frames.length == 0 ? record : null;
    }

    /** The bytes of a record read or written whole; the caller must not change {@code bytes}. */
    static RecordBytes of(byte[] bytes) {
        return new RecordBytes(bytes, NO_FRAMES, bytes.length);
    }

    /** These bytes with {@code frame} after them; the caller must not change {@code frame}. */
    RecordBytes plus(byte[] frame) {
        byte[][] more = Arrays.copyOf(frames, frames.length + 1);
        more[frames.length] = frame;
        return new RecordBytes(record, more, Math.addExact(length, frame.length));
    }

    /** The number of bytes, frames included. */
    int length() {
        return length;
    }

    /** All the bytes in one array, joined on the first call (shared: never to be changed). */
    byte[] whole() {
        byte[] joined = whole;
        if (joined == null) {
            joined = Arrays.copyOf(record, length);
            int at = record.length;
            for (byte[] frame : frames) {
                System.arraycopy(frame, 0, joined, at, frame.length);
                at += frame.length;
            }
            whole = joined;
        }
        return joined;
    }
}
