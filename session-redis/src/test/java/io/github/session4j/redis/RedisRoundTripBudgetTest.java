package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every SPI operation is exactly one command, counted by the server itself in
 * {@code INFO commandstats} (DESIGN.md §5): the delta of each command's calls, and of the
 * round-trip count the contract kit uses.
 */
class RedisRoundTripBudgetTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final byte[] RECORD = "record".getBytes(StandardCharsets.UTF_8);

    private String prefix;
    private RedisSessionInterface backend;
    private RedisConnection admin;
    private CommandStats stats;

    @BeforeEach
    void open() {
        prefix = TestKeys.uniquePrefix();
        backend = TestKeys.backend(prefix, Map.of("SESSION_REDIS", TestServers.redis().uri()));
        admin = RedisConnection.server(TestServers.redis().port());
        stats = new CommandStats(List.of(admin));
    }

    @AfterEach
    void closeAll() {
        backend.close();
        admin.close();
    }

    @Test
    void loadIsOneGet() {
        String key = stored();
        assertThat(commandsOf(() -> backend.load(key))).containsExactlyEntriesOf(Map.of("get", 1L));
        assertThat(roundTripsOf(() -> backend.load(key))).isEqualTo(1);
    }

    @Test
    void loadAndTouchIsOneGetex() {
        String key = stored();
        assertThat(commandsOf(() -> backend.loadAndTouch(key, TTL))).containsExactlyEntriesOf(Map.of("getex", 1L));
        assertThat(roundTripsOf(() -> backend.loadAndTouch(key, TTL))).isEqualTo(1);
    }

    @Test
    void createIsOneSet() {
        assertThat(commandsOf(() -> Writes.create(backend, TestKeys.key(prefix), RECORD, TTL)))
                .containsExactlyEntriesOf(Map.of("set", 1L));
        assertThat(roundTripsOf(() -> Writes.create(backend, TestKeys.key(prefix), RECORD, TTL))).isEqualTo(1);
    }

    @Test
    void replaceIsOneEvalshaWhoseScriptRunsGetrangeAndPsetex() {
        String key = stored();
        long version = backend.load(key).orElseThrow().version();
        assertThat(commandsOf(() -> Writes.replace(backend, key, RECORD, version, TTL)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "time", 1L, "getrange", 1L, "psetex", 1L));
        long next = backend.load(key).orElseThrow().version();
        assertThat(roundTripsOf(() -> Writes.replace(backend, key, RECORD, next, TTL))).isEqualTo(1);
    }

    @Test
    void aLostReplaceIsOneEvalshaToo() {
        String key = stored();
        assertThat(commandsOf(() -> Writes.replace(backend, key, RECORD, 1234L, TTL)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "time", 1L, "getrange", 1L));
        assertThat(roundTripsOf(() -> Writes.replace(backend, key, RECORD, 1234L, TTL))).isEqualTo(1);
    }

    @Test
    void replaceOfALargeRecordIsASetOfTheStagedValuePipelinedWithAnEvalshaThatRenamesIt() {
        byte[] large = AbstractRedisSessionInterfaceTest.large(1);
        String key = stored();
        long version = backend.load(key).orElseThrow().version();
        assertThat(commandsOf(() -> Writes.replace(backend, key, large, version, TTL)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("set", 1L, "evalsha", 1L, "time", 1L,
                        "exists", 1L, "getrange", 1L, "rename", 1L, "pexpire", 1L));
        long next = backend.load(key).orElseThrow().version();
        assertThat(roundTripsOf(() -> Writes.replace(backend, key, large, next, TTL))).isEqualTo(1);
    }

    @Test
    void aLostReplaceOfALargeRecordUnlinksItsStagedValue() {
        byte[] large = AbstractRedisSessionInterfaceTest.large(1);
        String key = stored();
        assertThat(commandsOf(() -> Writes.replace(backend, key, large, 1234L, TTL)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("set", 1L, "evalsha", 1L, "time", 1L,
                        "exists", 1L, "getrange", 1L, "unlink", 1L));
        assertThat(roundTripsOf(() -> Writes.replace(backend, key, large, 1234L, TTL))).isEqualTo(1);
    }

    @Test
    void appendIsOneEvalshaWhoseScriptRunsGetrangeSetrangeAppendAndPexpire() {
        String key = stored();
        long version = backend.load(key).orElseThrow().version();
        assertThat(commandsOf(() -> Writes.append(backend, key, RECORD, version, TTL)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "time", 1L, "getrange", 1L, "setrange", 1L,
                        "append", 1L, "pexpire", 1L));
        long next = backend.load(key).orElseThrow().version();
        assertThat(roundTripsOf(() -> Writes.append(backend, key, RECORD, next, TTL))).isEqualTo(1);
    }

    @Test
    void aLostAppendIsOneEvalshaToo() {
        String key = stored();
        assertThat(commandsOf(() -> Writes.append(backend, key, RECORD, 1234L, TTL)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "time", 1L, "getrange", 1L));
        assertThat(roundTripsOf(() -> Writes.append(backend, key, RECORD, 1234L, TTL))).isEqualTo(1);
    }

    @Test
    void anAppendAfterTheServerLostItsScriptsCostsOneMoreRoundTripOnce() {
        String key = stored();
        admin.commands().scriptFlush();
        long version = backend.load(key).orElseThrow().version();

        assertThat(roundTripsOf(() -> Writes.append(backend, key, RECORD, version, TTL))).isEqualTo(2); // NOSCRIPT, EVAL
        long next = backend.load(key).orElseThrow().version();
        assertThat(roundTripsOf(() -> Writes.append(backend, key, RECORD, next, TTL))).isEqualTo(1);
    }

    @Test
    void deleteIsOneDel() {
        String key = stored();
        assertThat(commandsOf(() -> backend.delete(key))).containsExactlyEntriesOf(Map.of("del", 1L));
        assertThat(roundTripsOf(() -> backend.delete(key))).isEqualTo(1);
    }

    @Test
    void touchIsOnePexpire() {
        String key = stored();
        assertThat(commandsOf(() -> backend.touch(key, TTL))).containsExactlyEntriesOf(Map.of("pexpire", 1L));
        assertThat(roundTripsOf(() -> backend.touch(key, TTL))).isEqualTo(1);
    }

    @Test
    void aReplaceAfterTheServerLostItsScriptsCostsOneMoreRoundTripOnce() {
        String key = stored();
        admin.commands().scriptFlush();
        long version = backend.load(key).orElseThrow().version();

        assertThat(roundTripsOf(() -> Writes.replace(backend, key, RECORD, version, TTL))).isEqualTo(2); // NOSCRIPT, EVAL
        long next = backend.load(key).orElseThrow().version();
        assertThat(roundTripsOf(() -> Writes.replace(backend, key, RECORD, next, TTL))).isEqualTo(1);
    }

    private String stored() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);
        return key;
    }

    private long roundTripsOf(Runnable operation) {
        long before = stats.count();
        operation.run();
        return stats.count() - before;
    }

    private Map<String, Long> commandsOf(Runnable operation) {
        return stats.commandsOf(operation);
    }
}
