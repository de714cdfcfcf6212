package io.github.session4j.filesystem;

import java.nio.ByteBuffer;

/**
 * Self-checking record bytes for the multi-process tests: a counter followed by filler whose
 * length and content follow from the counter, so a record mixed from two versions is detected.
 */
final class TestRecords {

    private TestRecords() {
    }

    static byte[] of(long counter) {
        int filler = 100 + (int) Math.floorMod(counter * 37, 4000L);
        ByteBuffer buffer = ByteBuffer.allocate(8 + filler).putLong(counter);
        for (int i = 0; i < filler; i++) {
            buffer.put((byte) (counter + i));
        }
        return buffer.array();
    }

    static long counterOf(byte[] record) {
        long counter = ByteBuffer.wrap(record).getLong();
        if (!java.util.Arrays.equals(record, of(counter))) {
            throw new AssertionError("record of counter " + counter + " is not whole: " + record.length + " bytes");
        }
        return counter;
    }
}
