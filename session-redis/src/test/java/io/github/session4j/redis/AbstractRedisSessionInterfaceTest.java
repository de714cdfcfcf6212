package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend's own SPI behaviour against a real Redis, checked through the tests' own client; run
 * once against a standalone server and once against a cluster, with the same code.
 */
abstract class AbstractRedisSessionInterfaceTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final byte[] RECORD = "record-1".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER = "record-2".getBytes(StandardCharsets.UTF_8);
    static final byte[] TAIL = "+frame-1".getBytes(StandardCharsets.UTF_8);
    static final byte[] TAIL_2 = "+frame-2".getBytes(StandardCharsets.UTF_8);

    String prefix;
    RedisSessionInterface backend;
    RedisConnection admin;
    RedisSideDoor store;

    /** The backend settings, such as {@code SESSION_REDIS}. */
    abstract Map<String, String> settings();

    /** A client of the tests' own on the same Redis. */
    abstract RedisConnection admin();

    @BeforeEach
    void open() {
        prefix = TestKeys.uniquePrefix();
        backend = TestKeys.backend(prefix, settings());
        admin = admin();
        store = new RedisSideDoor(admin);
    }

    @AfterEach
    void closeAll() {
        backend.close();
        admin.close();
    }

    @Test
    void createStoresVersionAndRecordUnderTheKeyWithTheTtlAsPttl() {
        String key = TestKeys.key(prefix);

        assertThat(Writes.create(backend, key, RECORD, TTL)).isTrue();

        StoredRecord loaded = backend.load(key).orElseThrow();
        assertThat(loaded.data()).isEqualTo(RECORD);
        assertThat(loaded.expiresAt()).isNull();
        assertThat(store.raw(key).orElseThrow()).isEqualTo(VersionedValue.encode(loaded.version(), RECORD));
        assertThat(store.ttl(key).orElseThrow()).isBetween(TTL.minusSeconds(10), TTL);
    }

    @Test
    void createLosesWhenALiveRecordExistsAndLeavesItAlone() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);

        assertThat(Writes.create(backend, key, OTHER, TTL)).isFalse();
        assertThat(store.read(key).orElseThrow()).isEqualTo(RECORD);
    }

    @Test
    void loadOfAMissingKeyIsEmpty() {
        assertThat(backend.load(TestKeys.key(prefix))).isEmpty();
    }

    @Test
    void replaceWithTheLoadedVersionWinsSetsTheTtlAndChangesTheVersion() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, Duration.ofMinutes(1));
        long version = backend.load(key).orElseThrow().version();

        assertThat(Writes.replace(backend, key, OTHER, version, TTL)).isTrue();

        StoredRecord after = backend.load(key).orElseThrow();
        assertThat(after.data()).isEqualTo(OTHER);
        assertThat(after.version()).isNotEqualTo(version);
        assertThat(store.ttl(key).orElseThrow()).isGreaterThan(Duration.ofMinutes(2));
    }

    @Test
    void replaceWithAStaleVersionLosesAndKeepsTheNewerRecord() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long stale = backend.load(key).orElseThrow().version();
        Writes.replace(backend, key, OTHER, stale, TTL);

        assertThat(Writes.replace(backend, key, "late".getBytes(StandardCharsets.UTF_8), stale, TTL)).isFalse();
        assertThat(store.read(key).orElseThrow()).isEqualTo(OTHER);
    }

    @Test
    void replaceOfAMissingKeyLosesAndCreatesNothing() {
        String key = TestKeys.key(prefix);

        assertThat(Writes.replace(backend, key, RECORD, 42L, TTL)).isFalse();
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void replaceBasedOnADeletedAndRecreatedRecordLoses() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long old = backend.load(key).orElseThrow().version();
        backend.delete(key);
        Writes.create(backend, key, OTHER, TTL);

        assertThat(Writes.replace(backend, key, "stale".getBytes(StandardCharsets.UTF_8), old, TTL)).isFalse();
        assertThat(store.read(key).orElseThrow()).isEqualTo(OTHER);
    }

    @Test
    void appendWithTheLoadedVersionAddsTheTailBehindTheRecordAndChangesTheVersion() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long version = backend.load(key).orElseThrow().version();

        assertThat(Writes.append(backend, key, TAIL, version, TTL)).isTrue();

        StoredRecord after = backend.load(key).orElseThrow();
        assertThat(after.data()).isEqualTo(concat(RECORD, TAIL));
        assertThat(after.version()).isNotEqualTo(version);
        assertThat(store.raw(key).orElseThrow()).isEqualTo(VersionedValue.encode(after.version(), concat(RECORD, TAIL)));
    }

    @Test
    void appendWithAStaleVersionLosesAndChangesNeitherBytesNorVersion() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long stale = backend.load(key).orElseThrow().version();
        Writes.replace(backend, key, OTHER, stale, TTL);
        byte[] before = store.raw(key).orElseThrow();

        assertThat(Writes.append(backend, key, TAIL, stale, TTL)).isFalse();
        assertThat(store.raw(key).orElseThrow()).isEqualTo(before);
    }

    @Test
    void appendToAMissingKeyLosesAndCreatesNothing() {
        String key = TestKeys.key(prefix);

        assertThat(Writes.append(backend, key, TAIL, 42L, TTL)).isFalse();
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void appendToAnEmptyRecordLosesEvenWithItsVersion() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, new byte[0], TTL); // the core's tombstone
        StoredRecord tombstone = backend.load(key).orElseThrow();

        assertThat(Writes.append(backend, key, TAIL, tombstone.version(), TTL)).isFalse();
        assertThat(backend.load(key)).contains(tombstone);
    }

    @Test
    void appendSetsTheTtlToTheGivenMillisecondsEvenWhenShorter() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long version = backend.load(key).orElseThrow().version();
        Duration shorter = Duration.ofMillis(90_250);

        assertThat(Writes.append(backend, key, TAIL, version, shorter)).isTrue();
        assertThat(store.ttl(key).orElseThrow()).isBetween(shorter.minusSeconds(10), shorter);
    }

    @Test
    void appendsInARowWithTheVersionEachLoadReturnsAccumulateInOrder() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long first = backend.load(key).orElseThrow().version();
        assertThat(Writes.append(backend, key, TAIL, first, TTL)).isTrue();
        long second = backend.load(key).orElseThrow().version();

        assertThat(Writes.append(backend, key, TAIL_2, second, TTL)).isTrue();
        assertThat(Writes.append(backend, key, TAIL_2, first, TTL)).as("the version before the first append").isFalse();

        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(concat(concat(RECORD, TAIL), TAIL_2));
    }

    @Test
    void appendKeepsEveryByteOfALargeRecordAndOfTheTail() {
        String key = TestKeys.key(prefix);
        byte[] record = large(1);
        byte[] tail = new byte[256];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = (byte) i;
        }
        Writes.create(backend, key, record, TTL);
        long version = backend.load(key).orElseThrow().version();

        assertThat(Writes.append(backend, key, tail, version, TTL)).isTrue();
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(concat(record, tail));
    }

    @Test
    void appendAfterAReplaceAppliesToTheNewRecordAndAReplaceAfterAnAppendRewritesItWhole() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long created = backend.load(key).orElseThrow().version();
        Writes.replace(backend, key, OTHER, created, TTL);
        long replaced = backend.load(key).orElseThrow().version();

        assertThat(Writes.append(backend, key, TAIL, replaced, TTL)).isTrue();
        assertThat(store.read(key).orElseThrow()).isEqualTo(concat(OTHER, TAIL));
        long appended = backend.load(key).orElseThrow().version();
        assertThat(Writes.replace(backend, key, RECORD, appended, TTL)).isTrue();
        assertThat(store.read(key).orElseThrow()).isEqualTo(RECORD);
    }

    @Test
    void appendStillWorksAfterTheServerLostItsScriptCache() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long version = backend.load(key).orElseThrow().version();
        admin.commands().scriptFlush();

        assertThat(Writes.append(backend, key, TAIL, version, TTL)).isTrue();
        assertThat(store.read(key).orElseThrow()).isEqualTo(concat(RECORD, TAIL));
    }

    @Test
    void appendToAKeyOfAnotherTypeFailsWithTheBackendErrorNamingTheOperation() {
        String key = TestKeys.key(prefix);
        admin.commands().rpush(key.getBytes(StandardCharsets.UTF_8), RECORD);

        assertThatThrownBy(() -> Writes.append(backend, key, TAIL, 42L, TTL))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Redis EVALSHA (append) of key " + key + " failed on ")
                .hasMessageContaining("WRONGTYPE");
    }

    @Test
    void deleteRemovesTheKeyAndDeletingAMissingKeyIsNoError() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);

        backend.delete(key);
        backend.delete(key);

        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void touchSetsTheTtlWithoutChangingDataOrVersion() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, Duration.ofMinutes(1));
        StoredRecord before = backend.load(key).orElseThrow();

        backend.touch(key, TTL);

        assertThat(backend.load(key)).contains(before);
        assertThat(store.ttl(key).orElseThrow()).isGreaterThan(Duration.ofMinutes(2));
    }

    @Test
    void touchOfAMissingKeyLeavesItMissing() {
        String key = TestKeys.key(prefix);

        backend.touch(key, TTL);

        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void loadAndTouchReturnsTheRecordAndSetsTheTtl() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, Duration.ofMinutes(1));
        StoredRecord before = backend.load(key).orElseThrow();

        assertThat(backend.loadAndTouch(key, TTL)).contains(before);
        assertThat(store.ttl(key).orElseThrow()).isGreaterThan(Duration.ofMinutes(2));
    }

    @Test
    void loadAndTouchIsOneCommandSoTheCoreMayRefreshOnEveryRead() {
        assertThat(backend.refreshesInLoad()).isTrue();
    }

    @Test
    void loadAndTouchOfAMissingKeyIsEmptyAndCreatesNothing() {
        String key = TestKeys.key(prefix);

        assertThat(backend.loadAndTouch(key, TTL)).isEmpty();
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void aRecordIsGoneOnceItsTtlHasPassed() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, Duration.ofMillis(300));

        await().atMost(Duration.ofSeconds(10)).until(() -> backend.load(key).isEmpty());
        assertThat(Writes.replace(backend, key, OTHER, 0L, TTL)).isFalse();
        assertThat(Writes.create(backend, key, OTHER, TTL)).isTrue();
    }

    @Test
    void aValueShorterThanTheVersionPrefixLoadsAsDataThatNoReplaceCanMatch() {
        String key = TestKeys.key(prefix);
        store.writeRaw(key, "abc".getBytes(StandardCharsets.UTF_8));

        StoredRecord loaded = backend.load(key).orElseThrow();

        assertThat(loaded.data()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.version()).isZero();
        assertThat(Writes.replace(backend, key, OTHER, loaded.version(), TTL)).isFalse();
        assertThat(Writes.append(backend, key, TAIL, loaded.version(), TTL)).isFalse();
        assertThat(store.raw(key).orElseThrow()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replaceStillWorksAfterTheServerLostItsScriptCache() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        long version = backend.load(key).orElseThrow().version();
        admin.commands().scriptFlush();

        assertThat(Writes.replace(backend, key, OTHER, version, TTL)).isTrue();
        assertThat(store.read(key).orElseThrow()).isEqualTo(OTHER);
    }

    @Test
    void theStoredBytesAreExactlyTheRecordForAnyByteValue() {
        String key = TestKeys.key(prefix);
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Writes.create(backend, key, all, TTL);
        long version = backend.load(key).orElseThrow().version();
        byte[] reversed = all.clone();
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = all[all.length - 1 - i];
        }

        assertThat(Writes.replace(backend, key, reversed, version, TTL)).isTrue();
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(reversed);
        assertThat(Arrays.equals(store.read(key).orElseThrow(), reversed)).isTrue();
    }

    @Test
    void countLiveCountsTheKeysUnderThePrefixOnly() {
        for (int i = 0; i < 25; i++) {
            Writes.create(backend, TestKeys.key(prefix), RECORD, TTL);
        }
        String otherPrefix = TestKeys.uniquePrefix();
        try (RedisSessionInterface other = TestKeys.backend(otherPrefix, settings())) {
            Writes.create(other, TestKeys.key(otherPrefix), RECORD, TTL);

            assertThat(backend.countLive()).isEqualTo(25);
            assertThat(other.countLive()).isEqualTo(1);
        }
    }

    @Test
    void countLiveTreatsGlobCharactersInThePrefixLiterally() {
        String globPrefix = "t*[?]" + TestKeys.uniquePrefix();
        try (RedisSessionInterface globby = TestKeys.backend(globPrefix, settings())) {
            Writes.create(globby, TestKeys.key(globPrefix), RECORD, TTL);
            Writes.create(backend, TestKeys.key(prefix), RECORD, TTL);

            assertThat(globby.countLive()).isEqualTo(1);
        }
    }

    @Test
    void aLargeRecordIsReplacedThroughAStagedKeyThatDoesNotOutliveTheSave() {
        String key = TestKeys.key(prefix);
        byte[] first = large(1);
        Writes.create(backend, key, first, Duration.ofMinutes(1));
        long version = backend.load(key).orElseThrow().version();
        byte[] second = large(2);

        assertThat(Writes.replace(backend, key, second, version, TTL)).isTrue();

        StoredRecord after = backend.load(key).orElseThrow();
        assertThat(after.data()).isEqualTo(second);
        assertThat(after.version()).isNotEqualTo(version);
        assertThat(store.ttl(key).orElseThrow()).isBetween(TTL.minusSeconds(10), TTL);
        assertThat(stagedValues(key)).isEmpty();
    }

    @Test
    void aLargeReplaceWithAStaleVersionLosesKeepsTheNewerRecordAndRemovesItsStagedValue() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, large(1), TTL);
        long stale = backend.load(key).orElseThrow().version();
        Writes.replace(backend, key, large(2), stale, TTL);

        assertThat(Writes.replace(backend, key, large(3), stale, TTL)).isFalse();
        assertThat(store.read(key).orElseThrow()).isEqualTo(large(2));
        assertThat(stagedValues(key)).isEmpty();
    }

    @Test
    void aLargeReplaceOfAMissingKeyLosesAndCreatesNothing() {
        String key = TestKeys.key(prefix);

        assertThat(Writes.replace(backend, key, large(1), 42L, TTL)).isFalse();
        assertThat(store.exists(key)).isFalse();
        assertThat(stagedValues(key)).isEmpty();
    }

    @Test
    void aLargeReplaceStillWorksAfterTheServerLostItsScriptCache() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, large(1), TTL);
        long version = backend.load(key).orElseThrow().version();
        admin.commands().scriptFlush();

        assertThat(Writes.replace(backend, key, large(2), version, TTL)).isTrue();
        assertThat(store.read(key).orElseThrow()).isEqualTo(large(2));
        assertThat(stagedValues(key)).isEmpty();
    }

    @Test
    void theStagedScriptFindingNoStagedValueChangesNothingAndSaysSo() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, large(1), TTL);
        long version = backend.load(key).orElseThrow().version();
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] missing = StagedReplace.stagedKey(keyBytes, 7L, settings().containsKey("SESSION_REDIS_CLUSTER"));

        long reply = ReplaceScript.STAGED.run(admin.commands(), new byte[][] {keyBytes, missing},
                VersionedValue.prefix(version), ReplaceScript.millis(TTL.toMillis()), ReplaceScript.millis(Long.MAX_VALUE));

        assertThat(reply).isEqualTo(-1L);
        assertThat(store.read(key).orElseThrow()).isEqualTo(large(1));
        assertThat(backend.load(key).orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void aScriptThatRunsAfterItsDeadlineWritesNothingAndSaysSo() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, large(1), TTL);
        long version = backend.load(key).orElseThrow().version();
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] expected = VersionedValue.prefix(version);
        byte[] past = ReplaceScript.millis(1); // 1 ms after the epoch: every server's TIME is past it
        byte[] ttl = ReplaceScript.millis(TTL.toMillis());
        byte[] staged = StagedReplace.stagedKey(keyBytes, 7L, settings().containsKey("SESSION_REDIS_CLUSTER"));
        admin.commands().set(staged, VersionedValue.encode(7L, large(3)));

        assertThat(ReplaceScript.INLINE.run(admin.commands(), new byte[][] {keyBytes}, expected,
                VersionedValue.encode(5L, RECORD), ttl, past)).isEqualTo(ReplaceScript.LATE);
        assertThat(ReplaceScript.APPEND.run(admin.commands(), new byte[][] {keyBytes}, expected,
                VersionedValue.prefix(6L), RECORD, ttl, past)).isEqualTo(ReplaceScript.LATE);
        assertThat(ReplaceScript.STAGED.run(admin.commands(), new byte[][] {keyBytes, staged}, expected, ttl, past))
                .isEqualTo(ReplaceScript.LATE);

        assertThat(store.read(key).orElseThrow()).isEqualTo(large(1));
        assertThat(backend.load(key).orElseThrow().version()).isEqualTo(version);
        assertThat(stagedValues(key)).as("the late staged script removes its staged value").isEmpty();
    }

    @Test
    void countLiveSkipsTheStagedValuesOfSavesInFlight() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        byte[] staged = StagedReplace.stagedKey(key.getBytes(StandardCharsets.UTF_8), 7L, false);
        admin.commands().set(staged, RECORD);

        try {
            assertThat(new String(staged, StandardCharsets.UTF_8)).startsWith(prefix);
            assertThat(backend.countLive()).isEqualTo(1);
        } finally {
            admin.commands().del(staged);
        }
    }

    /** The bytes of {@code a} followed by those of {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A record just over the staging threshold, filled with one byte value. */
    static byte[] large(int fill) {
        byte[] record = new byte[StagedReplace.THRESHOLD_BYTES + 1];
        Arrays.fill(record, (byte) fill);
        return record;
    }

    @Test
    void aTtlThatIsNotPositiveIsRefusedBeforeAnyCommand() {
        String key = TestKeys.key(prefix);

        assertThatThrownBy(() -> Writes.create(backend, key, RECORD, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be a positive duration but was PT0S");
        assertThatThrownBy(() -> backend.touch(key, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Writes.append(backend, key, TAIL, 42L, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be a positive duration but was PT0S");
    }

    @Test
    void aClosedBackendFailsWithTheBackendErrorAndClosingTwiceIsFine() {
        backend.close();
        backend.close();

        assertThatThrownBy(() -> backend.load(TestKeys.key(prefix)))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Redis GET of key " + prefix).hasMessageEndingWith(" refused: this backend was closed;"
                        + " create a new one (or a new SessionManager) to use Redis again");
        String key = TestKeys.key(prefix);
        assertThatThrownBy(() -> Writes.append(backend, key, TAIL, 42L, TTL))
                .isInstanceOf(SessionBackendException.class)
                .hasMessage("Redis EVALSHA (append) of key " + key + " refused: this backend was closed;"
                        + " create a new one (or a new SessionManager) to use Redis again");
    }

    /**
     * The staged values of saves of one key still in the store ({@link StagedReplace}), in either
     * of their two forms, {@code key.staged.…} and {@code {key}.staged.…}.
     *
     * @param key the session's key
     * @return the staged keys
     */
    List<String> stagedValues(String key) {
        return store.keysMatching("*" + RedisSessionInterface.globEscape(key) + "*.staged.*");
    }
}
