package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Records are opaque bytes: every byte value, empty, tiny and large records come back exactly,
 * through the SPI and through the side door. (The core stores an empty record as a tombstone
 * under the old key of a regenerated session.)
 */
abstract class ByteExactnessContract extends KitGroup {

    ByteExactnessContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] ascending = new byte[256];
        byte[] descending = new byte[256];
        for (int i = 0; i < 256; i++) {
            ascending[i] = (byte) i;
            descending[i] = (byte) (255 - i);
        }
        roundTrip(ascending, descending, "the 256 byte values");
    }

    @Test
    void emptyRecordsRoundTrip() {
        roundTrip(new byte[0], bytes("filled"), "an empty record, then a filled one");
        roundTrip(bytes("filled"), new byte[0], "a filled record, then an empty one (a tombstone)");
    }

    @Test
    void singleByteRecordsRoundTrip() {
        roundTrip(new byte[] {0}, new byte[] {(byte) 0xff}, "a single byte");
    }

    @Test
    void hundredKilobyteRecordsRoundTrip() {
        Random random = new Random(20240501L);
        byte[] first = new byte[100 * 1024];
        byte[] second = new byte[100 * 1024 + 17];
        random.nextBytes(first);
        random.nextBytes(second);
        roundTrip(first, second, "100 KB of random bytes");
    }

    private void roundTrip(byte[] created, byte[] replaced, String what) {
        String key = newKey();
        assertThat(create(key, created.clone(), LONG_TTL)).as("create(%s) with %s", key, what).isTrue();
        long version = assertStored(key, created, "after create with " + what).version();

        assertThat(replace(key, replaced.clone(), version, LONG_TTL)).as("replace(%s) with %s", key, what).isTrue();
        assertStored(key, replaced, "after replace with " + what);
    }
}
