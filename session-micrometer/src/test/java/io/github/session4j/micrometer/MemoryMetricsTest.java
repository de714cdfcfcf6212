package io.github.session4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.ForwardingSessionInterface;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters after known requests on the memory backend, which counts cheaply and so also has the
 * live-sessions gauge. Every count here is exact: the requests run one after another.
 */
class MemoryMetricsTest {

    private static final String PREFIX = "metrics21-memory:";

    private final MemorySessionInterface memory = new MemorySessionInterface(Clock.systemUTC(), PREFIX);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> observed = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private SessionManager manager;
    private SessionMetrics metrics;
    private Requests requests;
    private MeterAssertions meters;

    @BeforeEach
    void start() {
        SessionConfig config = SessionConfig.builder().put("SESSION_KEY_PREFIX", PREFIX)
                .put("SECRET_KEY", "metrics21-test-secret-key-of-32-bytes-or-more").build();
        manager = SessionManager.builder(config).backend("memory", new ForwardingSessionInterface(memory) {
            @Override
            public Optional<StoredRecord> load(String key) {
                if (down) {
                    throw new SessionBackendException("the test took the store down");
                }
                return super.load(key);
            }
        }).build();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName() + " backend=" + context.getLowCardinalityKeyValue("backend").getValue());
            }
        });
        metrics = new SessionMetrics(manager, observations);
        metrics.bindTo(registry);
        requests = new Requests(manager);
        meters = new MeterAssertions(registry, "memory");
    }

    @AfterEach
    void stop() {
        metrics.close();
        manager.close();
    }

    @Test
    void aSessionsLifeIsCountedCallByCall() {
        String id = requests.run(null, s -> s.put("cart", "3 items"));
        requests.run(id, s -> s.get("cart"));
        requests.run(id, s -> s.put("cart", "4 items"));
        String regenerated = requests.run(id, s -> s.regenerate());
        requests.run(id, s -> s.get("cart")); // the old cookie finds the tombstone
        requests.run(regenerated, s -> s.invalidate());

        assertThat(meters.calls("create", "ok")).isEqualTo(2); // the new session, the regenerated one
        assertThat(meters.calls("load", "ok")).isEqualTo(5);
        assertThat(meters.calls("replace", "ok")).isEqualTo(2); // the change, the tombstone
        assertThat(meters.calls("delete", "ok")).isEqualTo(1);
        assertThat(meters.calls("touch", "ok")).isZero();
        assertThat(meters.calls("load", "missing")).isZero();
        assertThat(meters.counter(MeterNames.CREATED)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.REGENERATED)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.INVALIDATED)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.CONFLICTS)).isZero();
        // record sizes: the two creates and the one replace with data (a tombstone is no record)
        assertThat(meters.sizes("create")).isEqualTo(2);
        assertThat(meters.sizes("replace")).isEqualTo(1);
        assertThat(meters.sizes("load")).isEqualTo(4); // the tombstone's load moved no record
        meters.noTagContains(id, regenerated, manager.storeKey(id), manager.storeKey(regenerated), "3 items");
    }

    @Test
    void signInIsARegenerationAndSignOutAnInvalidation() {
        String id = requests.run(null, s -> s.put("cart", "tea"));
        SessionContext signIn = requests.begin(id);
        signIn.signIn("ada");
        String signedIn = Requests.idOf(signIn.commit().header("Set-Cookie").orElseThrow(), id);
        SessionContext signOut = requests.begin(signedIn);
        signOut.signOut();
        signOut.commit();

        assertThat(meters.counter(MeterNames.CREATED)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.REGENERATED)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.INVALIDATED)).isEqualTo(1);
        assertThat(meters.calls("delete", "ok")).isEqualTo(1); // out of the store and the principal index in one call
        meters.noTagContains("ada", manager.principalKey("ada"), id, signedIn);
    }

    @Test
    void aLostRaceIsOneConflictAndOneRetry() {
        String id = requests.run(null, s -> s.put("a", 1L));
        requests.loseARace(id);

        assertThat(meters.calls("replace", "conflict")).isEqualTo(1);
        assertThat(meters.calls("replace", "ok")).isEqualTo(2);
        assertThat(meters.calls("load", "ok")).isEqualTo(3); // two loads, one reload after the race
        assertThat(meters.counter(MeterNames.CONFLICTS)).isEqualTo(1);
        assertThat(meters.counter(MeterNames.RETRIES)).isEqualTo(1);
    }

    @Test
    void unreadableRecordsAreCountedByCause() {
        String tampered = requests.run(null, s -> s.put("role", "user"));
        String corrupt = requests.run(null, s -> s.put("role", "user"));
        byte[] record = memory.peek(manager.storeKey(tampered)).orElseThrow();
        record[record.length - 1] ^= 1;
        plant(manager.storeKey(tampered), record);
        plant(manager.storeKey(corrupt), "not a session record".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        requests.run(tampered, s -> s.get("role"));
        requests.run(corrupt, s -> s.get("role"));

        assertThat(meters.unreadable("tampered")).isEqualTo(1);
        assertThat(meters.unreadable("corrupt")).isEqualTo(1);
        assertThat(meters.unreadable("unknown_type")).isZero();
        assertThat(meters.unreadable("over_cap")).isZero();
        assertThat(meters.calls("delete", "ok")).isEqualTo(2); // each unreadable record is deleted
    }

    @Test
    void aMissIsMissingAndAStoreErrorIsError() {
        requests.run("A".repeat(43), s -> s.get("x")); // well-formed, never issued
        assertThat(meters.calls("load", "missing")).isEqualTo(1);

        down = true;
        assertThatThrownBy(() -> requests.run("B".repeat(43), s -> s.get("x"))).isInstanceOf(SessionBackendException.class);
        assertThat(meters.calls("load", "error")).isEqualTo(1);
    }

    @Test
    void theLiveGaugeCountsTheMemoryBackendsSessions() {
        assertThat(metrics.hasLiveGauge()).isTrue();
        requests.run(null, s -> s.put("a", 1L));
        requests.run(null, s -> s.put("a", 2L));
        assertThat(registry.get(MeterNames.LIVE).tag("backend", "memory").gauge().value()).isEqualTo(2);
    }

    @Test
    void eachLoadAndCommitIsAnObservation() {
        String id = requests.run(null, s -> s.put("a", 1L));
        requests.run(id, s -> s.get("a"));
        requests.run(null, s -> { }); // untouched: no load, no commit observed

        assertThat(observed).containsExactly("session4j.load backend=memory", "session4j.commit backend=memory",
                "session4j.load backend=memory", "session4j.commit backend=memory");
    }

    @Test
    void closingTheBinderStopsRecording() {
        metrics.close();
        requests.run(null, s -> s.put("a", 1L));
        assertThat(meters.calls("create", "ok")).isZero();
    }

    private void plant(String key, byte[] bytes) {
        memory.delete(key);
        memory.write(new RecordWrite.Create(key, bytes, Duration.ofMinutes(5)));
    }
}
