package io.github.session4j.testkit;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The state of one test of the kit: a unique key prefix, the injected clock, the backends and
 * managers opened by the test (closed afterwards), and a cleanup of every record left under the
 * test's prefixes.
 */
final class KitFixture implements AutoCloseable {

    private static final Base64.Encoder KEY_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SessionInterfaceCompatibilityKit kit;
    private final String prefix;
    private final MutableClock clock;
    private final AtomicLong spiCalls = new AtomicLong();
    private final Set<String> prefixes = new LinkedHashSet<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private SessionInterface backend;
    private SessionManager manager;
    private SideDoor sideDoor;

    KitFixture(SessionInterfaceCompatibilityKit kit) {
        this.kit = kit;
        this.prefix = "tck" + randomHex() + ":";
        this.clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        prefixes.add(prefix);
    }

    /** The test's {@code SESSION_KEY_PREFIX}, unique per test. */
    String prefix() {
        return prefix;
    }

    /** A second prefix of this test, unrelated to {@link #prefix()} as a string prefix. */
    String otherPrefix() {
        String other = prefix.substring(0, prefix.length() - 1) + "-other:";
        prefixes.add(other);
        return other;
    }

    MutableClock clock() {
        return clock;
    }

    ExpiryMode expiryMode() {
        return kit.expiryMode();
    }

    SessionInterfaceProvider provider() {
        return kit.provider();
    }

    /** The counter of SPI calls that {@link #countingBackend} adds to. */
    AtomicLong spiCalls() {
        return spiCalls;
    }

    RoundTripCounter roundTripCounter() {
        return kit.roundTripCounter();
    }

    /**
     * A builder with the core settings of this test (backend type, key prefix, clock) and the
     * backend's settings; a test adds what it needs on top.
     */
    SessionConfig.Builder configBuilder(String keyPrefix) {
        return SessionConfig.builder()
                .putAll(kit.backendSettings())
                .put("SESSION_TYPE", kit.provider().name())
                .put("SESSION_KEY_PREFIX", keyPrefix);
    }

    SessionConfig config() {
        return configBuilder(prefix).build();
    }

    /** The backend shared by the SPI tests of this test, created on first use. */
    synchronized SessionInterface backend() {
        if (backend == null) {
            backend = openBackend(config());
        }
        return backend;
    }

    /** A new backend from the provider, closed after the test. */
    SessionInterface openBackend(SessionConfig config) {
        SessionInterface created = kit.provider().create(BackendContext.validate(kit.provider(), config, clock));
        if (created == null) {
            throw new AssertionError(kit.provider().getClass().getName() + ".create(config) returned null");
        }
        return closeLater(created);
    }

    /** A new backend wrapped so that its SPI calls add to {@link #spiCalls()}. */
    CountingSessionInterface countingBackend(SessionConfig config) {
        return CountingSessionInterface.wrap(openBackend(config), spiCalls);
    }

    /** The test's manager with default settings, over a counting backend, created on first use. */
    synchronized SessionManager manager() {
        if (manager == null) {
            manager = manager(Map.of());
        }
        return manager;
    }

    /**
     * A new manager with the test's settings plus {@code settings}, over a backend of its own that
     * counts its SPI calls into {@link #spiCalls()}.
     */
    SessionManager manager(Map<String, String> settings) {
        SessionConfig config = configBuilder(prefix).putAll(settings).build();
        CountingSessionInterface counted = countingBackend(config);
        return closeLater(SessionManager.builder(config).clock(clock).backend(kit.provider().name(), counted).build());
    }

    /**
     * A new manager with the test's settings over {@code wrap} of a counting backend of its own:
     * a test puts a fault between the core and the backend this way.
     */
    SessionManager manager(UnaryOperator<SessionInterface> wrap) {
        SessionConfig config = config();
        SessionInterface wrapped = wrap.apply(countingBackend(config));
        return closeLater(SessionManager.builder(config).clock(clock).backend(kit.provider().name(), wrapped).build());
    }

    synchronized SideDoor sideDoor() {
        if (sideDoor == null) {
            sideDoor = kit.sideDoor();
            if (sideDoor == null) {
                throw new AssertionError(kit.getClass().getName() + ".sideDoor() returned null");
            }
        }
        return sideDoor;
    }

    /** A fresh key under the test's prefix, shaped like a real one (43 base64url characters). */
    String newKey() {
        return newKey(prefix);
    }

    String newKey(String keyPrefix) {
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        return keyPrefix + KEY_ENCODER.encodeToString(hash);
    }

    /** Registers something to close after the test, in reverse order of registration. */
    <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Deletes every record left under the test's prefixes, then closes what the test opened.
     * Every step runs even if an earlier one fails; the first failure is rethrown.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            deleteLeftovers();
        } catch (RuntimeException e) {
            failure = e;
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void deleteLeftovers() {
        if (sideDoor == null && resources.isEmpty()) {
            return; // the test touched no store
        }
        for (String p : prefixes) {
            for (String key : sideDoor().keys(p)) {
                backend().delete(key);
            }
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "KitFixture[prefix=" + prefix + ", clock=" + clock.instant() + "]";
    }
}
