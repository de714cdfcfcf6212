package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backend against one real memcached, checked through the server's own view of its items. */
class MemcachedSessionInterfaceTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final MemcachedServer server = TestServers.memcached();
    private final ServerCommandCounter commands = new ServerCommandCounter(List.of(server));
    private final String prefix = "spi" + ThreadLocalRandom.current().nextInt(1_000_000) + ":";
    private SessionInterface backend;

    @BeforeEach
    void open() {
        MemcachedSessionInterfaceProvider provider = new MemcachedSessionInterfaceProvider();
        backend = provider.create(BackendContext.validate(provider, config(prefix), Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void storesTheBytesRawWithFlagsZero() {
        byte[] record = {0, 1, 2, (byte) 0xff, '\r', '\n'};
        assertThat(Writes.create(backend, key("a"), record, MINUTE)).isTrue();

        Map.Entry<String, byte[]> stored = server.rawGet(key("a")).orElseThrow();
        assertThat(stored.getKey()).isEqualTo("VALUE " + key("a") + " 0 6");
        assertThat(stored.getValue()).isEqualTo(record);
        StoredRecord loaded = backend.load(key("a")).orElseThrow();
        assertThat(loaded.data()).isEqualTo(record);
        assertThat(loaded.version()).isPositive();
        assertThat(loaded.expiresAt()).isNull();
    }

    @Test
    void createIsAnAddThatLosesToALiveRecord() {
        assertThat(Writes.create(backend, key("a"), bytes("first"), MINUTE)).isTrue();
        assertThat(Writes.create(backend, key("a"), bytes("second"), MINUTE)).isFalse();
        assertThat(backend.load(key("a")).orElseThrow().data()).isEqualTo(bytes("first"));
    }

    @Test
    void replaceIsACasOnTheLoadedVersion() {
        Writes.create(backend, key("a"), bytes("v1"), MINUTE);
        long v1 = backend.load(key("a")).orElseThrow().version();

        assertThat(Writes.replace(backend, key("a"), bytes("v2"), v1, MINUTE)).isTrue();
        StoredRecord second = backend.load(key("a")).orElseThrow();
        assertThat(second.data()).isEqualTo(bytes("v2"));
        assertThat(second.version()).isNotEqualTo(v1);

        assertThat(Writes.replace(backend, key("a"), bytes("stale"), v1, MINUTE)).as("stale version").isFalse();
        assertThat(backend.load(key("a")).orElseThrow().data()).isEqualTo(bytes("v2"));
        assertThat(Writes.replace(backend, key("gone"), bytes("x"), v1, MINUTE)).as("missing record").isFalse();
        assertThat(server.has(key("gone"))).isFalse();
    }

    @Test
    void replaceSetsTheNewTtl() {
        Writes.create(backend, key("a"), bytes("v1"), MINUTE);
        long v1 = backend.load(key("a")).orElseThrow().version();

        Writes.replace(backend, key("a"), bytes("v2"), v1, Duration.ofHours(2));

        assertThat(remaining(key("a")).toSeconds()).isCloseTo(Duration.ofHours(2).toSeconds(), within(5L));
    }

    @Test
    void touchSetsTheTtlWithoutChangingTheVersion() {
        Writes.create(backend, key("a"), bytes("v1"), MINUTE);
        long version = backend.load(key("a")).orElseThrow().version();

        backend.touch(key("a"), Duration.ofHours(3));
        backend.touch(key("missing"), Duration.ofHours(3));

        assertThat(remaining(key("a")).toSeconds()).isCloseTo(Duration.ofHours(3).toSeconds(), within(5L));
        assertThat(backend.load(key("a")).orElseThrow().version()).isEqualTo(version);
        assertThat(Writes.replace(backend, key("a"), bytes("v2"), version, MINUTE)).isTrue();
        assertThat(server.has(key("missing"))).isFalse();
    }

    @Test
    void loadAndTouchReadsAndSetsTheTtlInOneCommand() {
        Writes.create(backend, key("a"), bytes("v1"), MINUTE);
        long version = backend.load(key("a")).orElseThrow().version();
        long before = commands.count();

        StoredRecord record = backend.loadAndTouch(key("a"), Duration.ofHours(4)).orElseThrow();

        assertThat(commands.count() - before).isEqualTo(1);
        assertThat(record.data()).isEqualTo(bytes("v1"));
        assertThat(record.version()).isEqualTo(version);
        assertThat(remaining(key("a")).toSeconds()).isCloseTo(Duration.ofHours(4).toSeconds(), within(5L));
        assertThat(backend.loadAndTouch(key("missing"), MINUTE)).isEmpty();
        assertThat(server.has(key("missing"))).isFalse();
    }

    @Test
    void deleteRemovesAndToleratesAMissingRecord() {
        Writes.create(backend, key("a"), bytes("v1"), MINUTE);

        backend.delete(key("a"));
        backend.delete(key("a"));

        assertThat(backend.load(key("a"))).isEmpty();
        assertThat(server.has(key("a"))).isFalse();
    }

    @Test
    void theServerExpiresRecordsByTheirTtl() {
        Writes.create(backend, key("a"), bytes("v1"), Duration.ofSeconds(2));
        assertThat(backend.load(key("a"))).isPresent();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> backend.load(key("a")).isEmpty());
    }

    @Test
    void aFortyDaySessionIsStoredWithAnAbsoluteExpiryAndIsReadable() {
        assertThat(Writes.create(backend, key("long"), bytes("v1"), Duration.ofDays(40))).isTrue();

        assertThat(backend.load(key("long")).orElseThrow().data()).isEqualTo(bytes("v1"));
        assertThat(remaining(key("long")).toSeconds()).isCloseTo(Duration.ofDays(40).toSeconds(), within(60L));

        long version = backend.loadAndTouch(key("long"), Duration.ofDays(45)).orElseThrow().version();
        assertThat(remaining(key("long")).toSeconds()).isCloseTo(Duration.ofDays(45).toSeconds(), within(60L));
        assertThat(Writes.replace(backend, key("long"), bytes("v2"), version, Duration.ofDays(50))).isTrue();
        assertThat(backend.load(key("long")).orElseThrow().data()).isEqualTo(bytes("v2"));
        assertThat(remaining(key("long")).toSeconds()).isCloseTo(Duration.ofDays(50).toSeconds(), within(60L));
    }

    @Test
    void aRecordOverTheItemSizeLimitIsRefusedBeforeItIsSent() {
        Writes.create(backend, key("a"), bytes("small"), MINUTE);
        long version = backend.load(key("a")).orElseThrow().version();
        byte[] big = new byte[2 * 1024 * 1024];
        long before = commands.count();

        assertThatThrownBy(() -> Writes.create(backend, key("big"), big, MINUTE))
                .isInstanceOf(SessionBackendException.class)
                .hasMessage("the session record is 2097152 bytes, over memcached's item size limit (-I, default 1 MB;"
                        + " the servers reported item_size_max=1048576 bytes at start-up, and the key and about 100 bytes"
                        + " of item header count too): nothing was sent and the stored session is unchanged; store less"
                        + " in the session or start memcached with a larger -I");
        assertThatThrownBy(() -> Writes.replace(backend, key("a"), big, version, MINUTE))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("the session record is 2097152 bytes, over memcached's item size limit");

        assertThat(commands.count()).isEqualTo(before);
        assertThat(server.has(key("big"))).isFalse();
        assertThat(backend.load(key("a")).orElseThrow().data()).isEqualTo(bytes("small"));
    }

    @Test
    void aRecordTheServerRefusesAsTooLargeIsAClearErrorAndTheConnectionSurvives() {
        MemcachedSettings settings = MemcachedSettings.from(config(prefix), prefix);
        MemcachedConnector.Pool pool = MemcachedConnector.connect(settings);
        // a limit unknown to the client: every record reaches the server, which decides
        try (var unchecked = new MemcachedSessionInterface(new MemcachedConnector.Pool(pool.client(), Long.MAX_VALUE),
                settings, new MemcachedExpiry(java.time.Clock.systemUTC()))) {
            byte[] big = new byte[2 * 1024 * 1024];
            assertThatThrownBy(() -> Writes.create(unchecked, key("big"), big, MINUTE))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessage("the session record is 2097152 bytes, over memcached's item size limit (-I, default 1 MB;"
                            + " the servers reported item_size_max=unknown bytes at start-up, and the key and about 100"
                            + " bytes of item header count too): memcached on " + server.address() + " refused the add;"
                            + " store less in the session or start memcached with a larger -I");

            Writes.create(unchecked, key("a"), bytes("small"), MINUTE);
            long version = unchecked.load(key("a")).orElseThrow().version();
            assertThatThrownBy(() -> Writes.replace(unchecked, key("a"), big, version, MINUTE))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageContaining("refused the cas and dropped the stored record, as it does when it refuses a value");

            assertThat(unchecked.load(key("a"))).as("memcached dropped the old record").isEmpty();
            assertThat(Writes.create(unchecked, key("a"), bytes("again"), MINUTE)).as("the connection still works").isTrue();
            assertThat(server.has(key("big"))).isFalse();
        }
    }

    @Test
    void aRecordJustUnderTheLimitIsStored() {
        byte[] record = new byte[1024 * 1024 - 1024];
        Arrays.fill(record, (byte) 7);

        assertThat(Writes.create(backend, key("large"), record, MINUTE)).isTrue();
        assertThat(backend.load(key("large")).orElseThrow().data()).isEqualTo(record);
    }

    @Test
    void everyOperationIsOneServerCommand() {
        assertThat(countCommands(() -> Writes.create(backend, key("a"), bytes("v1"), MINUTE))).isEqualTo(1);
        assertThat(countCommands(() -> Writes.create(backend, key("a"), bytes("v1"), MINUTE))).as("lost add").isEqualTo(1);
        long[] version = new long[1];
        assertThat(countCommands(() -> version[0] = backend.load(key("a")).orElseThrow().version())).isEqualTo(1);
        assertThat(countCommands(() -> backend.load(key("missing")))).isEqualTo(1);
        assertThat(countCommands(() -> Writes.replace(backend, key("a"), bytes("v2"), version[0], MINUTE))).isEqualTo(1);
        assertThat(countCommands(() -> Writes.replace(backend, key("a"), bytes("v3"), version[0], MINUTE))).as("lost cas")
                .isEqualTo(1);
        assertThat(countCommands(() -> backend.touch(key("a"), MINUTE))).isEqualTo(1);
        assertThat(countCommands(() -> backend.loadAndTouch(key("a"), MINUTE))).isEqualTo(1);
        assertThat(countCommands(() -> backend.delete(key("a")))).isEqualTo(1);
    }

    @Test
    void keysThatMemcachedWouldRefuseAreRejectedBeforeAnyCommand() {
        long before = commands.count();

        assertThatThrownBy(() -> backend.load(prefix + "has space"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memcached cannot store the key '" + prefix + "has space' (" + (prefix.length() + 9)
                        + " bytes): keys must be 1 to 250 bytes without spaces or control characters;"
                        + " check SESSION_KEY_PREFIX");
        assertThatThrownBy(() -> Writes.create(backend, "k".repeat(251), bytes("x"), MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(251 bytes)");
        assertThat(commands.count()).isEqualTo(before);
    }

    @Test
    void aClosedBackendRefusesWork() {
        backend.close();
        backend.close();

        assertThatThrownBy(() -> backend.load(key("a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the memcached session backend is closed");
    }

    private SessionConfig config(String keyPrefix) {
        return SessionConfig.builder()
                .put("SESSION_TYPE", "memcached")
                .put("SESSION_MEMCACHED", server.address())
                .put("SESSION_KEY_PREFIX", keyPrefix)
                .build();
    }

    private long countCommands(Supplier<?> operation) {
        long before = commands.count();
        operation.get();
        return commands.count() - before;
    }

    private long countCommands(Runnable operation) {
        return countCommands(() -> {
            operation.run();
            return null;
        });
    }

    private Duration remaining(String key) {
        return server.ttl(key).orElseThrow(() -> new AssertionError("no TTL for " + key));
    }

    private String key(String name) {
        String hashed = (name + "_".repeat(43)).substring(0, 43);
        return prefix + hashed;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
