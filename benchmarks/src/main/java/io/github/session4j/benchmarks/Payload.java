package io.github.session4j.benchmarks;

import java.util.SplittableRandom;

/** The bytes every target stores as {@code data}: random, so that no store or codec compresses them. */
final class Payload {

    private Payload() {
    }

    /**
     * Random bytes, the same for a given size in every JVM.
     *
     * @param size the length
     * @return the bytes
     */
    static byte[] of(int size) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(size);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
