package io.github.session4j.codec;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A byte buffer that keeps at most {@code limit} bytes but counts everything written to it, so an
 * oversized session costs no more memory than the cap and its exact size can still be reported.
 */
final class BoundedOutput extends OutputStream {

    private final int limit;
    private byte[] buffer;
    private long count;

    BoundedOutput(int limit) {
        this.limit = limit;
        this.buffer = new byte[Math.min(limit, 256)];
    }

    @Override
    public void write(int b) {
        if (count < limit) {
            ensure((int) count + 1);
            buffer[(int) count] = (byte) b;
        }
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int kept = (int) Math.max(0, Math.min(length, limit - count));
        if (kept > 0) {
            ensure((int) count + kept);
            System.arraycopy(bytes, offset, buffer, (int) count, kept);
        }
        count += length;
    }

    /** Writes a big-endian int. */
    void writeInt(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            write(value >>> shift);
        }
    }

    /** Writes a big-endian long. */
    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    /** Overwrites four already written bytes with a big-endian int, if they were kept. */
    void setInt(int position, int value) {
        if (position + 4 <= Math.min(count, limit)) {
            for (int i = 0; i < 4; i++) {
                buffer[position + i] = (byte) (value >>> (24 - 8 * i));
            }
        }
    }

    /** Every byte written so far, kept or not. */
    long count() {
        return count;
    }

    boolean overflowed() {
        return count > limit;
    }

    /** The bytes written; only meaningful when nothing overflowed. */
    byte[] toByteArray() {
        return toByteArray(0);
    }

    /** The bytes written followed by {@code room} zero bytes, in one copy; only meaningful when nothing overflowed. */
    byte[] toByteArray(int room) {
        return Arrays.copyOf(buffer, (int) Math.min(count, limit) + room);
    }

    private void ensure(int size) {
        if (size > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(size, 2L * buffer.length)));
        }
    }
}
