package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.RecordWrite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The principal index on one standalone {@code redis-server}: each index change inside its write's
 * script, and reads (and sign-ins) that drop members whose record is gone.
 */
class StandaloneRedisPrincipalIndexTest extends AbstractRedisPrincipalIndexTest {

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_REDIS", TestServers.redis().uri());
    }

    @Override
    RedisConnection admin() {
        return RedisConnection.server(TestServers.redis().port());
    }

    @Override
    CommandStats stats() {
        return new CommandStats(List.of(admin));
    }

    @Override
    boolean cluster() {
        return false;
    }

    @Test
    void aSignInIsOneEvalshaThatCreatesTheRecordAndAddsItsKey() {
        String key = TestKeys.key(prefix);

        Map<String, Long> commands = commandsOf(() -> write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(alice))));

        // the fence's TIME, PTTL (no live record), PSETEX, ZADD, and two ZRANGEs for the new key's neighbours
        assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "time", 1L, "pttl", 1L,
                "psetex", 1L, "zadd", 1L, "zrange", 2L));
    }

    @Test
    void aSignInBesideTenThousandSessionsOfTheSameUserIsStillOneScriptThatChecksTwoNeighbours() {
        populate(alice, 10_000);
        String key = TestKeys.key(prefix);

        Map<String, Long> commands = counted(1, () -> commandsOf(
                () -> write(new RecordWrite.Create(key, RECORD, TTL, IndexChange.add(alice)))));

        assertThat(commands.get("pttl")).as("PTTL of the new key and of its two neighbours").isEqualTo(3L);
        assertThat(commands.get("zrange")).isBetween(1L, 2L);
        assertThat(admin.commands().zcard(entry(alice))).isEqualTo(10_001);
    }

    @Test
    void theTombstoneIsOneEvalshaThatReplacesAndTakesTheKeyOut() {
        String key = signIn(alice);
        long version = backend.load(key).orElseThrow().version();

        Map<String, Long> commands = commandsOf(
                () -> write(new RecordWrite.Replace(key, new byte[0], version, TTL, IndexChange.remove(alice))));

        assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "time", 1L, "getrange", 1L,
                "psetex", 1L, "zrem", 1L));
    }

    @Test
    void deleteIndexedIsOneEvalshaThatUnlinksAndTakesTheKeyOut() {
        String key = signIn(alice);

        assertThat(commandsOf(() -> backend.deleteIndexed(key, alice)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "unlink", 1L, "zrem", 1L));
    }

    @Test
    void aPageDropsMembersWhoseRecordIsGoneAndReadsOnToFillIt() {
        List<String> keys = populate(alice, 30).stream().sorted().toList();
        List<String> gone = keys.subList(0, 20);
        gone.forEach(backend::delete);

        List<String> page = counted(1, () -> backend.indexedKeys(alice, null, 5));

        assertThat(page).containsExactlyElementsOf(keys.subList(20, 25));
        assertThat(admin.commands().zcard(entry(alice))).as("members left after the page").isEqualTo(10);
    }

    @Test
    void aPageDropsAtMostItsBudgetAndReturnsTheRestUnchecked() {
        List<String> keys = populate(alice, IndexScripts.PRUNE_BUDGET + 20).stream().sorted().toList();
        List<String> gone = keys.subList(0, IndexScripts.PRUNE_BUDGET + 10);
        admin.commands().del(gone.stream().map(AbstractRedisPrincipalIndexTest::bytes).toArray(byte[][]::new));

        List<String> first = backend.indexedKeys(alice, null, 15);

        assertThat(first).as("after the budget: ten gone members, unchecked, then live ones")
                .containsExactlyElementsOf(keys.subList(IndexScripts.PRUNE_BUDGET, IndexScripts.PRUNE_BUDGET + 15));
        assertThat(backend.indexedKeys(alice, null, 15)).containsExactlyElementsOf(keys.subList(IndexScripts.PRUNE_BUDGET + 10,
                keys.size()));
        assertThat(admin.commands().zcard(entry(alice))).isEqualTo(10);
    }

    @Test
    void anExpiredSessionIsDroppedByTheNextReadAndTheEmptiedEntryIsGone() {
        String key = TestKeys.key(prefix);
        write(new RecordWrite.Create(key, RECORD, Duration.ofMillis(200), IndexChange.add(alice)));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.commands().exists(bytes(key)) == 0);

        assertThat(admin.commands().zcard(entry(alice))).as("the member outlives its record until a read").isEqualTo(1);
        assertThat(backend.indexedKeys(alice, null, 10)).isEmpty();
        assertThat(admin.commands().exists(entry(alice))).isZero();
    }

    @Test
    void aSignInDropsTheGoneNeighboursAfterItsKeyWrappingRoundToTheFirst() {
        String b = prefix + "B".repeat(43);
        String c = prefix + "C".repeat(43);
        String d = prefix + "D".repeat(43);
        admin.commands().zadd(entry(alice), 0.0, bytes(b), 0.0, bytes(c), 0.0, bytes(d)); // no records: gone

        String a = prefix + "A".repeat(43);
        write(new RecordWrite.Create(a, RECORD, TTL, IndexChange.add(alice)));
        assertThat(members(alice)).containsExactly(a, d);

        String e = prefix + "E".repeat(43);
        write(new RecordWrite.Create(e, RECORD, TTL, IndexChange.add(alice)));
        assertThat(members(alice)).as("after E comes nothing: its neighbours are A (live) and D (gone)").containsExactly(a, e);
    }

    private List<String> members(String principalKey) {
        return admin.commands().zrange(entry(principalKey), 0, -1).stream()
                .map(m -> new String(m, StandardCharsets.UTF_8)).toList();
    }
}
