package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.RecordWrite;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The principal index on a three-master Redis Cluster: each principal's entry in the slot of its
 * principal key, the index change one more command beside the write, and pages returned unchecked
 * (a script cannot read records in other slots; the core's repair drops what it finds gone).
 */
class ClusterRedisPrincipalIndexTest extends AbstractRedisPrincipalIndexTest {

    private List<RedisConnection> masters;

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_REDIS", TestServers.redisCluster().uris(), "SESSION_REDIS_CLUSTER", "true");
    }

    @Override
    RedisConnection admin() {
        return RedisConnection.cluster(TestServers.redisCluster().ports());
    }

    @Override
    CommandStats stats() {
        masters = TestServers.redisCluster().ports().stream().map(RedisConnection::server).toList();
        return new CommandStats(masters);
    }

    @Override
    boolean cluster() {
        return true;
    }

    @AfterEach
    void closeMasters() {
        masters.forEach(RedisConnection::close);
    }

    @Test
    void eachPrincipalsEntryLivesInTheSlotOfItsPrincipalKey() {
        for (int i = 0; i < 20; i++) {
            String principal = TestKeys.principalKey();
            signIn(principal);
            assertThat(SlotHash.getSlot(entry(principal))).isEqualTo(SlotHash.getSlot(principal.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void aSignInAddsTheKeyFirstThenCreatesTheRecord() {
        String key = TestKeys.key(prefix);

        Map<String, Long> commands = commandsOf(() -> write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(alice))));

        assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 2L, "zadd", 1L, "time", 1L,
                "pttl", 1L, "psetex", 1L));
    }

    @Test
    void aDeferrableAddWaitsForTheHandOverWhichIsOneCommandInTheEntrysSlot() {
        String oldKey = TestKeys.key(prefix);
        signIn(alice, oldKey);
        String newKey = TestKeys.key(prefix);

        Map<String, Long> create = commandsOf(() -> write(new RecordWrite.Create(newKey, RECORD, TTL, IndexChange.add(alice).deferrable())));
        assertThat(create).as("a create with a deferrable add: the create alone")
                .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "time", 1L, "pttl", 1L, "psetex", 1L));
        assertThat(backend.indexedKeys(alice, null, 10)).as("the entry before the tombstone won").containsExactly(oldKey);

        long version = backend.load(oldKey).orElseThrow().version();
        long before = stats.count();
        assertThat(write(new RecordWrite.Replace(oldKey, new byte[0], version, TTL, IndexChange.remove(alice).handingOverTo(newKey)))
                .isWritten()).isTrue();
        assertThat(stats.count() - before).as("the tombstone, then one hand-over command").isEqualTo(2);
        assertThat(backend.indexedKeys(alice, null, 10)).as("the entry after the hand-over").containsExactly(newKey);
    }

    @Test
    void aHandOverWhoseCommandFailsLeavesTheOldKeyListedNotAHiddenSession() {
        String oldKey = TestKeys.key(prefix);
        String principal = principalOnAnotherMasterThan(oldKey);
        signIn(principal, oldKey);
        String newKey = TestKeys.key(prefix);
        assertThat(write(new RecordWrite.Create(newKey, RECORD, TTL, IndexChange.add(principal).deferrable())).isWritten()).isTrue();
        long version = backend.load(oldKey).orElseThrow().version();

        refusingWrites(owner(entry(principal)), () -> assertThatThrownBy(() -> write(new RecordWrite.Replace(oldKey, new byte[0],
                version, TTL, IndexChange.remove(principal).handingOverTo(newKey))))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Redis EVALSHA (principal index: hand key " + oldKey + " over to " + newKey));

        assertThat(backend.indexedKeys(principal, null, 10)).as("the old key, now a tombstone the next listing drops")
                .containsExactly(oldKey);
    }

    @Test
    void aPageReturnsMembersWhoseRecordIsGoneForTheCoreToRepair() {
        List<String> keys = populate(alice, 10).stream().sorted().toList();
        keys.subList(0, 4).forEach(backend::delete);

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactlyElementsOf(keys);
        backend.unindex(alice, keys.subList(0, 4));
        assertThat(backend.indexedKeys(alice, null, 10)).containsExactlyElementsOf(keys.subList(4, 10));
    }

    @Test
    void aSignInWhoseCreateFailsLeavesAMemberWhoseRecordNeverCameNotAHiddenSession() {
        String key = TestKeys.key(prefix);
        String principal = principalOnAnotherMasterThan(key);

        refusingWrites(owner(bytes(key)), () -> assertThatThrownBy(
                () -> write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(principal))))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Redis EVALSHA (create) of key " + key + " failed on "));

        assertThat(admin.commands().exists(bytes(key))).isZero();
        assertThat(backend.indexedKeys(principal, null, 10)).as("the member added before the create, for the core to drop")
                .containsExactly(key);
    }

    @Test
    void deleteIndexedWhoseRemovalFailsLeavesAMemberWhoseRecordIsGoneNotAHiddenSession() {
        String key = TestKeys.key(prefix);
        String principal = principalOnAnotherMasterThan(key);
        signIn(principal, key);

        refusingWrites(owner(entry(principal)), () -> assertThatThrownBy(() -> backend.deleteIndexed(key, principal))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Redis EVALSHA (principal index: remove key " + key + " after its DEL) failed on "));

        assertThat(admin.commands().exists(bytes(key))).as("the record, deleted first").isZero();
        assertThat(backend.indexedKeys(principal, null, 10)).containsExactly(key);
    }

    @Test
    void aTombstoneWhoseRemovalFailsSaysThatTheWriteWon() {
        String key = TestKeys.key(prefix);
        String principal = principalOnAnotherMasterThan(key);
        signIn(principal, key);
        long version = backend.load(key).orElseThrow().version();

        refusingWrites(owner(entry(principal)), () -> assertThatThrownBy(
                () -> write(new RecordWrite.Replace(key, new byte[0], version, TTL, IndexChange.remove(principal))))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Redis EVALSHA (principal index: remove key " + key + " after the write won) failed on "));

        assertThat(backend.load(key).orElseThrow().data()).as("the tombstone, written first").isEmpty();
    }

    private void signIn(String principal, String key) {
        assertThat(write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(principal))).isWritten()).isTrue();
    }

    /** A principal key whose entry lives on another master than {@code key}'s record. */
    private String principalOnAnotherMasterThan(String key) {
        int recordOwner = owner(bytes(key));
        while (true) {
            String principal = TestKeys.principalKey();
            if (owner(entry(principal)) != recordOwner) {
                return principal;
            }
        }
    }

    /** The port of the master that serves a key's slot: the others answer {@code MOVED}. */
    private int owner(byte[] key) {
        for (int i = 0; i < masters.size(); i++) {
            try {
                masters.get(i).commands().exists(key);
                return TestServers.redisCluster().ports().get(i);
            } catch (RedisCommandExecutionException e) {
                // MOVED: another master serves it
            }
        }
        throw new IllegalStateException("no master serves the slot of " + new String(key, StandardCharsets.UTF_8));
    }

    /** Runs {@code action} while one master refuses writes ({@code min-replicas-to-write 1}, and it has none). */
    private void refusingWrites(int port, Runnable action) {
        RedisConnection node = masters.get(TestServers.redisCluster().ports().indexOf(port));
        node.commands().configSet("min-replicas-to-write", "1");
        try {
            action.run();
        } finally {
            node.commands().configSet("min-replicas-to-write", "0");
        }
    }
}
