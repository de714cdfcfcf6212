package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The base of every group of the kit: access to the current test's {@link KitFixture} and the
 * helpers the groups share (mode-dependent expiry, byte-exact comparison, clear messages).
 */
abstract class KitGroup {

    /** A TTL that no test outlives. */
    static final Duration LONG_TTL = Duration.ofHours(1);

    /** A remaining TTL that proves a record got {@link #LONG_TTL}, far above {@link #shortTtl()}. */
    static final Duration WELL_ABOVE_SHORT_TTL = Duration.ofMinutes(30);

    /** How long a record in {@link ExpiryMode#SERVER_TTL} mode may take to disappear. */
    static final Duration SERVER_EXPIRY_WAIT = Duration.ofSeconds(15);

    private final Supplier<KitFixture> fixture;

    KitGroup(Supplier<KitFixture> fixture) {
        this.fixture = fixture;
    }

    final KitFixture fixture() {
        return fixture.get();
    }

    final SessionInterface backend() {
        return fixture().backend();
    }

    /** Creates a record through {@link SessionInterface#write}; whether it was stored. */
    final boolean create(String key, byte[] record, Duration ttl) {
        return Writes.create(backend(), key, record, ttl);
    }

    /** Replaces a record through {@link SessionInterface#write}; whether it was replaced. */
    final boolean replace(String key, byte[] record, long expectedVersion, Duration ttl) {
        return Writes.replace(backend(), key, record, expectedVersion, ttl);
    }

    /** Appends to a record through {@link SessionInterface#write}; whether it was appended. */
    final boolean append(String key, byte[] tail, long expectedVersion, Duration ttl) {
        return Writes.append(backend(), key, tail, expectedVersion, ttl);
    }

    final SideDoor sideDoor() {
        return fixture().sideDoor();
    }

    final String newKey() {
        return fixture().newKey();
    }

    final String prefix() {
        return fixture().prefix();
    }

    final MutableClock clock() {
        return fixture().clock();
    }

    final boolean clockMode() {
        return fixture().expiryMode() == ExpiryMode.CLOCK;
    }

    /** A TTL the test lets pass: 2 s of real time, or 10 minutes of the injected clock. */
    final Duration shortTtl() {
        return clockMode() ? Duration.ofMinutes(10) : Duration.ofSeconds(2);
    }

    /** "Now" as the backend sees it: the injected clock, or real time for a server TTL. */
    final Instant now() {
        return clockMode() ? clock().instant() : Instant.now();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Loads a record that must be there. */
    final StoredRecord loaded(String key, String when) {
        Optional<StoredRecord> found = backend().load(key);
        assertThat(found).as("load(%s) %s must return the record", key, when).isPresent();
        return found.get();
    }

    /** Asserts that load does not return a record and that the key is not physically present. */
    final void assertGone(String key, String when) {
        assertThat(backend().load(key)).as("load(%s) %s must return nothing", key, when).isEmpty();
        assertThat(sideDoor().exists(key))
                .as("the side door must not find %s %s", key, when)
                .isFalse();
    }

    /**
     * Lets records created with {@link #shortTtl()} expire: moves the clock past it, or waits
     * for the server to drop them (failing if it does not within {@link #SERVER_EXPIRY_WAIT}).
     * Afterwards load must not return them.
     */
    final void letExpire(String... keys) {
        if (clockMode()) {
            clock().advance(shortTtl().plusSeconds(1));
        }
        for (String key : keys) {
            if (!clockMode()) {
                await().alias("the record under " + key + " expires after its TTL of " + shortTtl())
                        .atMost(SERVER_EXPIRY_WAIT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> backend().load(key).isEmpty());
            }
            assertThat(backend().load(key))
                    .as("load(%s) after its TTL of %s has passed must return nothing", key, shortTtl())
                    .isEmpty();
        }
    }

    /**
     * Asserts that a record has a remaining TTL far above {@link #shortTtl()} (it got
     * {@link #LONG_TTL}), and in clock mode that it is still loaded after the short TTL passed.
     */
    final void assertOutlivesShortTtl(String key, String after) {
        Optional<Duration> ttl = sideDoor().ttl(key);
        assertThat(ttl).as("the side door's TTL of %s after %s", key, after).isPresent();
        assertThat(ttl.get())
                .as("the remaining TTL of %s after %s (set to %s)", key, after, LONG_TTL)
                .isGreaterThan(WELL_ABOVE_SHORT_TTL)
                .isLessThanOrEqualTo(LONG_TTL.plusSeconds(1));
        if (clockMode()) {
            clock().advance(shortTtl().plusSeconds(1));
            loaded(key, after + " and once the first TTL of " + shortTtl() + " has passed");
        }
    }

    /** Asserts that the expiry a backend reports, if any, is {@code ttl} from now. */
    final void assertExpiresAtFits(StoredRecord record, Duration ttl, String when) {
        if (record.expiresAt() == null) {
            return; // the store does not report expiry instants; allowed by StoredRecord
        }
        Instant expected = now().plus(ttl);
        assertThat(record.expiresAt())
                .as("StoredRecord.expiresAt() %s with a TTL of %s (now is %s)", when, ttl, now())
                .isBetween(expected.minusSeconds(5), expected.plusSeconds(5));
    }

    /** Compares bytes and reports the first difference instead of printing both arrays. */
    static void assertSameBytes(String what, byte[] expected, byte[] actual) {
        assertThat(actual).as("%s: null", what).isNotNull();
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError(String.format(
                        "%s: byte %d differs: expected 0x%02x but was 0x%02x (lengths %d and %d)",
                        what, i, expected[i] & 0xff, actual[i] & 0xff, expected.length, actual.length));
            }
        }
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " bytes but got "
                    + actual.length + " (equal up to byte " + common + ")");
        }
    }

    /** Asserts that both load and the side door return exactly {@code expected}. */
    final StoredRecord assertStored(String key, byte[] expected, String after) {
        StoredRecord record = loaded(key, after);
        assertSameBytes("the bytes load(" + key + ") returns " + after, expected, record.data());
        byte[] raw = sideDoor().read(key)
                .orElseThrow(() -> new AssertionError("the side door finds no record under " + key + " " + after));
        assertSameBytes("the bytes the side door reads under " + key + " " + after, expected, raw);
        return record;
    }
}
