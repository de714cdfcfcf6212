package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.RecordWrite;
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
    void aPageReturnsMembersWhoseRecordIsGoneForTheCoreToRepair() {
        List<String> keys = populate(alice, 10).stream().sorted().toList();
        keys.subList(0, 4).forEach(backend::delete);

        assertThat(backend.indexedKeys(alice, null, 10)).containsExactlyElementsOf(keys);
        backend.unindex(alice, keys.subList(0, 4));
        assertThat(backend.indexedKeys(alice, null, 10)).containsExactlyElementsOf(keys.subList(4, 10));
    }
}
