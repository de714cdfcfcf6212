package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The principal index of the Redis backend against a real Redis, checked through the tests' own
 * client: one sorted set per principal under the key prefix, changed only by writes that won, paged
 * in ascending order, not counted as sessions. Run once against a standalone server (where the
 * index change rides in the write's script and reads prune gone members) and once against a cluster
 * (one more command per change, pages unchecked), with the round trips each costs.
 */
abstract class AbstractRedisPrincipalIndexTest {

    static final Duration TTL = AbstractRedisSessionInterfaceTest.TTL;
    static final byte[] RECORD = AbstractRedisSessionInterfaceTest.RECORD;
    static final byte[] OTHER = AbstractRedisSessionInterfaceTest.OTHER;

    String prefix;
    RedisSessionInterface backend;
    RedisConnection admin;
    CommandStats stats;
    String alice;
    String bob;

    /** The backend settings, such as {@code SESSION_REDIS}. */
    abstract Map<String, String> settings();

    /** A client of the tests' own on the same Redis. */
    abstract RedisConnection admin();

    /** Counts the round trips on every server (each master of a cluster). */
    abstract CommandStats stats();

    /** Whether this is a cluster: one more command per index change, and no pruning by the backend. */
    abstract boolean cluster();

    @BeforeEach
    void open() {
        prefix = TestKeys.uniquePrefix();
        backend = TestKeys.backend(prefix, settings());
        admin = admin();
        stats = stats();
        alice = TestKeys.principalKey();
        bob = TestKeys.principalKey();
    }

    @AfterEach
    void closeAll() {
        backend.close();
        admin.close();
    }

    @Test
    void theBackendIsAPrincipalIndexAndItsProviderSaysSo() {
        assertThat(backend.capability(PrincipalIndex.class)).containsSame(backend);
        assertThat(new RedisSessionInterfaceProvider().capabilities()).contains(PrincipalIndex.class);
    }

    @Test
    void aSignInIndexesItsKeyInASortedSetUnderThePrefixWithScoreZeroAndNoTtl() {
        String key = signIn(alice);

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(key);
        byte[] entry = entry(alice);
        assertThat(new String(entry, StandardCharsets.UTF_8)).isEqualTo(prefix + "principal-index:{" + alice + "}");
        assertThat(admin.commands().type(entry)).isEqualTo("zset");
        assertThat(admin.commands().zscore(entry, bytes(key))).isEqualTo(0.0);
        assertThat(admin.commands().pttl(entry)).as("an entry never expires: it must not hide a live session").isEqualTo(-1L);
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(RECORD);
        assertThat(backend.indexedKeys(bob, null, 10)).isEmpty();
    }

    @Test
    void replacesAndAppendsWithoutAnIndexChangeKeepTheKeyIndexed() {
        String key = signIn(alice);
        long version = backend.load(key).orElseThrow().version();
        long next = write(new RecordWrite.Replace(key, OTHER, version, TTL)).newVersion().orElseThrow();
        write(new RecordWrite.Append(key, RECORD, next, TTL));

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(key);
    }

    @Test
    void theTombstoneOfARegeneratedSessionTakesItsKeyOut() {
        String old = signIn(alice);
        String renewed = signIn(alice);
        long version = backend.load(old).orElseThrow().version();

        assertThat(write(new RecordWrite.Replace(old, new byte[0], version, TTL, IndexChange.remove(alice))).isWritten()).isTrue();

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(renewed);
        assertThat(backend.load(old).orElseThrow().data()).isEmpty();
    }

    @Test
    void aMoveTakesTheKeyOutOfOneEntryAndIntoTheOther() {
        String key = signIn(alice);
        long version = backend.load(key).orElseThrow().version();

        write(new RecordWrite.Replace(key, OTHER, version, TTL, IndexChange.move(alice, bob)));

        assertThat(backend.indexedKeys(alice, null, 10)).isEmpty();
        assertThat(backend.indexedKeys(bob, null, 10)).containsExactly(key);
        assertThat(admin.commands().exists(entry(alice))).as("an emptied entry is gone").isZero();
    }

    @Test
    void anAppendCanCarryAnIndexChangeToo() {
        String key = TestKeys.key(prefix);
        write(new RecordWrite.Create(key, RECORD, TTL));
        long version = backend.load(key).orElseThrow().version();

        assertThat(write(new RecordWrite.Append(key, OTHER, version, TTL, IndexChange.add(alice))).isWritten()).isTrue();

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(key);
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(AbstractRedisSessionInterfaceTest.concat(RECORD, OTHER));
    }

    @Test
    void aLargeReplaceThroughAStagedKeyCarriesItsIndexChange() {
        String key = TestKeys.key(prefix);
        write(new RecordWrite.Create(key, RECORD, TTL));
        long version = backend.load(key).orElseThrow().version();
        byte[] large = AbstractRedisSessionInterfaceTest.large(4);

        assertThat(write(new RecordWrite.Replace(key, large, version, TTL, IndexChange.add(alice))).isWritten()).isTrue();

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(key);
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(large);
    }

    @Test
    void writesThatLoseTheirRaceChangeNoEntry() {
        String key = signIn(alice);
        long stale = backend.load(key).orElseThrow().version();
        long current = write(new RecordWrite.Replace(key, OTHER, stale, TTL)).newVersion().orElseThrow();
        byte[] large = AbstractRedisSessionInterfaceTest.large(2);

        assertThat(write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(bob))).isWritten()).isFalse();
        assertThat(write(new RecordWrite.Replace(key, RECORD, stale, TTL, IndexChange.remove(alice))).isWritten()).isFalse();
        assertThat(write(new RecordWrite.Replace(key, large, stale, TTL, IndexChange.move(alice, bob))).isWritten()).isFalse();
        assertThat(write(new RecordWrite.Append(key, RECORD, stale, TTL, IndexChange.remove(alice))).isWritten()).isFalse();
        String missing = TestKeys.key(prefix);
        assertThat(write(new RecordWrite.Replace(missing, RECORD, 42L, TTL, IndexChange.add(bob))).isWritten()).isFalse();

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(key);
        assertThat(backend.indexedKeys(bob, null, 10)).isEmpty();
        assertThat(admin.commands().exists(entry(bob))).isZero();
        assertThat(backend.load(key).orElseThrow().version()).isEqualTo(current);
    }

    @Test
    void aLostCreateKeepsAMemberThatWasThereBefore() {
        String key = signIn(alice);

        assertThat(write(new RecordWrite.Create(key, OTHER, TTL, IndexChange.add(alice))).isWritten()).isFalse();

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(key);
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(RECORD);
    }

    @Test
    void anIndexedWriteThatRunsAfterItsDeadlineWritesNothingAndChangesNoEntry() {
        String key = TestKeys.key(prefix);
        byte[] past = ReplaceScript.millis(1); // 1 ms after the epoch: every server's TIME is past it
        byte[] ttl = ReplaceScript.millis(TTL.toMillis());
        byte[] value = VersionedValue.encode(5L, RECORD);
        // one slot for record and entry, so that the script runs on a cluster too
        String tagged = "{" + key + "}";
        byte[][] keys = {bytes(tagged), bytes("{" + key + "}.entry")};
        byte[] mode = "a".getBytes(StandardCharsets.US_ASCII);

        assertThat(IndexScripts.CREATE.run(admin.commands(), keys, value, ttl, past, mode)).isEqualTo(ReplaceScript.LATE);
        assertThat(admin.commands().exists(keys[0], keys[1])).isZero();

        write(new RecordWrite.Create(tagged, RECORD, TTL));
        long version = backend.load(tagged).orElseThrow().version();
        byte[] expected = VersionedValue.prefix(version);
        assertThat(IndexScripts.INLINE.run(admin.commands(), keys, expected, value, ttl, past, mode))
                .isEqualTo(ReplaceScript.LATE);
        assertThat(IndexScripts.APPEND.run(admin.commands(), keys, expected, VersionedValue.prefix(6L), RECORD, ttl, past, mode))
                .isEqualTo(ReplaceScript.LATE);
        assertThat(backend.load(tagged).orElseThrow().version()).isEqualTo(version);
        assertThat(admin.commands().exists(keys[1])).as("the entry").isZero();
    }

    @Test
    void tenThousandMembersArePagedInAscendingOrderAPageAtATimeEachOneRoundTrip() {
        List<String> keys = populate(alice, 10_000);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            String from = after;
            List<String> page = counted(1, () -> backend.indexedKeys(alice, from, PrincipalIndex.MAX_PAGE_SIZE));
            assertThat(page).hasSizeLessThanOrEqualTo(PrincipalIndex.MAX_PAGE_SIZE).isSorted();
            seen.addAll(page);
            pages++;
            if (page.size() < PrincipalIndex.MAX_PAGE_SIZE) {
                break;
            }
            after = page.get(page.size() - 1);
        }

        assertThat(pages).isEqualTo(11); // ten full pages, then an empty one that says the entry ended
        assertThat(seen).hasSize(10_000).isSorted().containsExactlyElementsOf(new TreeSet<>(keys));
        assertThat(backend.indexedKeys(alice, seen.get(4_999), 3)).containsExactlyElementsOf(seen.subList(5_000, 5_003));
        assertThat(backend.indexedKeys(alice, seen.get(9_999), 3)).isEmpty();
    }

    @Test
    void aPageSizeOutsideOneToAThousandIsRefusedBeforeAnyCommand() {
        for (int limit : new int[] {0, -1, PrincipalIndex.MAX_PAGE_SIZE + 1}) {
            long before = stats.count();
            assertThatThrownBy(() -> backend.indexedKeys(alice, null, limit))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a page of the principal index holds 1 to 1000 keys, but " + limit + " were asked for");
            assertThat(stats.count()).isEqualTo(before);
        }
    }

    @Test
    void aPrincipalKeyThatIsNotTheCoresHashIsRefusedBeforeAnyCommandWithoutShowingIt() {
        String key = TestKeys.key(prefix);
        for (String bad : List.of("", "alice@example.com", "a}b", "x".repeat(129), "ab\ncd")) {
            long before = stats.count();
            assertThatThrownBy(() -> write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(bad))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a principal key must be the core's base64url hash of the principal (1 to 128 characters"
                            + " of A-Z, a-z, 0-9, - and _), but one of " + bad.length() + " characters is not;"
                            + " the Redis backend never stores a principal in clear");
            assertThatThrownBy(() -> backend.indexedKeys(bad, null, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> backend.deleteIndexed(key, bad)).isInstanceOf(IllegalArgumentException.class);
            assertThat(stats.count()).isEqualTo(before);
        }
        assertThat(admin.commands().exists(bytes(key))).isZero();
    }

    @Test
    void unindexTakesKeysOutAndIgnoresKeysThatAreNotIn() {
        List<String> keys = List.of(signIn(alice), signIn(alice), signIn(alice));

        counted(1, () -> {
            backend.unindex(alice, List.of(keys.get(0), keys.get(2), TestKeys.key(prefix)));
            return null;
        });
        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(keys.get(1));
        counted(0, () -> {
            backend.unindex(alice, List.of());
            return null;
        });
        backend.unindex(alice, List.of(keys.get(1)));
        assertThat(admin.commands().exists(entry(alice))).isZero();
        assertThat(backend.load(keys.get(0))).as("unindex leaves the records alone").isPresent();
    }

    @Test
    void unindexTakesOutMoreKeysThanOneZremTakes() {
        List<String> keys = populate(alice, 2_500);

        counted(1, () -> {
            backend.unindex(alice, keys);
            return null;
        });

        assertThat(admin.commands().exists(entry(alice))).isZero();
    }

    @Test
    void deleteIndexedDeletesTheRecordAndItsMember() {
        String key = signIn(alice);
        String other = signIn(alice);

        counted(cluster() ? 2 : 1, () -> {
            backend.deleteIndexed(key, alice);
            return null;
        });

        assertThat(backend.load(key)).isEmpty();
        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(other);
        backend.deleteIndexed(key, alice); // a missing record is no error
        backend.deleteIndexed(TestKeys.key(prefix), bob);
    }

    @Test
    void countLiveCountsSessionsNotEntries() {
        signIn(alice);
        signIn(alice);
        signIn(bob);
        write(new RecordWrite.Create(TestKeys.key(prefix), RECORD, TTL));

        assertThat(admin.commands().exists(entry(alice), entry(bob))).isEqualTo(2);
        assertThat(backend.countLive()).isEqualTo(4);
    }

    @Test
    void anEntryNeverNamesLikeASessionKey() {
        byte[] session = bytes(TestKeys.key(prefix));
        int length = bytes(prefix).length;

        assertThat(PrincipalEntries.isEntry(entry(alice), length)).isTrue();
        assertThat(PrincipalEntries.isEntry(session, length)).isFalse();
        assertThat(StagedReplace.isStaged(entry(alice))).isFalse();
    }

    @Test
    void aSessionWhoseTtlIsRefreshedStaysIndexedPastItsFirstTtl() {
        String key = TestKeys.key(prefix);
        write(new RecordWrite.Create(key, RECORD, Duration.ofMillis(300), IndexChange.add(alice)));
        backend.touch(key, TTL);

        await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactly(key);
        assertThat(backend.load(key)).isPresent();
    }

    @Test
    void aRoundTripBudgetOfOneForEachIndexedWriteStandaloneAndOneMoreOnACluster() {
        int extra = cluster() ? 1 : 0;
        String key = TestKeys.key(prefix);
        counted(1 + extra, () -> write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(alice))));
        long version = backend.load(key).orElseThrow().version();
        long next = counted(1, () -> write(new RecordWrite.Replace(key, OTHER, version, TTL))).newVersion().orElseThrow();
        long third = counted(1, () -> write(new RecordWrite.Append(key, RECORD, next, TTL))).newVersion().orElseThrow();
        counted(1 + extra, () -> write(new RecordWrite.Replace(key, new byte[0], third, TTL, IndexChange.remove(alice))));
        counted(1, () -> backend.indexedKeys(alice, null, 10));
        // a lost race: standalone one script; a cluster's create adds first and takes it out again
        counted(1 + 2 * extra, () -> write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(bob))));
        counted(1, () -> write(new RecordWrite.Replace(key, RECORD, 42L, TTL, IndexChange.add(bob))));
    }

    @Test
    void writesWithoutAnIndexChangeRunNoIndexCommand() {
        String key = TestKeys.key(prefix);
        Map<String, Long> create = commandsOf(() -> write(new RecordWrite.Create(key, RECORD, TTL)));
        long version = backend.load(key).orElseThrow().version();
        Map<String, Long> replace = commandsOf(() -> write(new RecordWrite.Replace(key, OTHER, version, TTL)));

        assertThat(create).containsExactlyEntriesOf(Map.of("set", 1L));
        assertThat(replace).containsOnlyKeys("evalsha", "time", "getrange", "psetex");
    }

    /** Creates a session signed in as {@code principalKey}, as the core's sign-in does. */
    String signIn(String principalKey) {
        String key = TestKeys.key(prefix);
        assertThat(write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(principalKey))).isWritten()).isTrue();
        return key;
    }

    WriteResult write(RecordWrite write) {
        return backend.write(write);
    }

    byte[] entry(String principalKey) {
        return new PrincipalEntries(prefix).entryKeyBytes(principalKey);
    }

    /**
     * Stores {@code count} live records and indexes them under {@code principalKey} with the
     * tests' own client, many to a command. The records have no TTL (one {@code PEXPIRE} each
     * would cost a round trip apiece); the test servers are the tests' own and die with the JVM.
     */
    List<String> populate(String principalKey, int count) {
        List<String> keys = new ArrayList<>(count);
        Map<byte[], byte[]> records = new HashMap<>();
        List<Object> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = TestKeys.key(prefix);
            keys.add(key);
            records.put(bytes(key), VersionedValue.encode(i, RECORD));
            members.add(0.0);
            members.add(bytes(key));
            if (records.size() == 1000 || i == count - 1) {
                admin.commands().mset(records);
                admin.commands().zadd(entry(principalKey), members.toArray());
                records.clear();
                members.clear();
            }
        }
        return keys;
    }

    <T> T counted(long roundTrips, Supplier<T> operation) {
        long before = stats.count();
        T result = operation.get();
        assertThat(stats.count() - before).as("round trips").isEqualTo(roundTrips);
        return result;
    }

    Map<String, Long> commandsOf(Runnable operation) {
        return stats.commandsOf(operation);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
