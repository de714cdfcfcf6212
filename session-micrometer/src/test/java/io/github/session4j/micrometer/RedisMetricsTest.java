package io.github.session4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.redis.RedisSessionInterfaceProvider;
import io.github.session4j.servers.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters after known requests on a real Redis (the test JVM's {@code redis-server}, under a
 * key prefix of this test's own). Redis refreshes the expiry in the read itself ({@code GETEX}),
 * so a read costs one load and no touch; it counts only with {@code SCAN}, so it has no
 * live-sessions gauge.
 */
class RedisMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SessionManager manager;
    private SessionMetrics metrics;
    private Requests requests;
    private MeterAssertions meters;

    @BeforeEach
    void start() {
        SessionConfig config = SessionConfig.builder().put("SESSION_TYPE", "redis")
                .put("SESSION_REDIS", TestServers.redis().uri())
                .put("SESSION_KEY_PREFIX", "metrics21-" + UUID.randomUUID() + ":").build();
        manager = SessionManager.create(new RedisSessionInterfaceProvider(), config);
        metrics = new SessionMetrics(manager);
        metrics.bindTo(registry);
        requests = new Requests(manager);
        meters = new MeterAssertions(registry, "redis");
    }

    @AfterEach
    void stop() {
        metrics.close();
        manager.close();
    }

    @Test
    void aSessionsLifeOnRedis() {
        String id = requests.run(null, s -> s.put("cart", "3 items"));
        requests.run(id, s -> s.get("cart"));
        requests.run(id, s -> s.put("cart", "4 items"));
        requests.run(id, s -> s.invalidate());
        requests.run(id, s -> s.get("cart"));

        assertThat(meters.calls("create", "ok")).isEqualTo(1);
        assertThat(meters.calls("load", "ok")).isEqualTo(3);
        assertThat(meters.calls("load", "missing")).isEqualTo(1);
        assertThat(meters.calls("replace", "ok")).isEqualTo(1);
        assertThat(meters.calls("delete", "ok")).isEqualTo(1);
        assertThat(meters.calls("touch", "ok")).isZero();
        assertThat(meters.counter(MeterNames.CREATED)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.INVALIDATED)).isEqualTo(1);
        assertThat(meters.sizes("create")).isEqualTo(1);
        assertThat(registry.find(MeterNames.STORE_CALLS).tag("backend", "redis").tag("operation", "load")
                .tag("outcome", "ok").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        meters.noTagContains(id, manager.storeKey(id));
    }

    @Test
    void aLostRaceOnRedis() {
        String id = requests.run(null, s -> s.put("a", 1L));
        requests.loseARace(id);

        assertThat(meters.calls("replace", "conflict")).isEqualTo(1);
        assertThat(meters.counter(MeterNames.CONFLICTS)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.RETRIES)).isEqualTo(1);
        assertThat(requests.run(id, s -> assertThat(s).containsKeys("a", "b", "c"))).isEqualTo(id);
    }

    @Test
    void redisHasNoLiveGaugeBecauseItCountsWithAScan() {
        assertThat(metrics.hasLiveGauge()).isFalse();
        assertThat(registry.find(MeterNames.LIVE).gauge()).isNull();
    }
}
