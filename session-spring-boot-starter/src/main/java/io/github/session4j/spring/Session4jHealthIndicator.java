package io.github.session4j.spring;

import io.github.session4j.SessionManager;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's view of the session store: up when the store answers one read, within the
 * backend's own timeout (such as {@code SESSION_REDIS_COMMAND_TIMEOUT} or
 * {@code SESSION_JDBC_CONNECT_TIMEOUT}), down with the backend's message (passwords masked) when
 * it fails. The read is of a key that holds no session (the store key of a fixed, well-formed
 * ID), so it touches no user's data. Shown as {@code session4j} under {@code /actuator/health}.
 */
public final class Session4jHealthIndicator implements HealthIndicator {

    /** The ID whose store key is read; no session ever has it, since IDs are random. */
    private static final String PROBE_ID = "session4j-health-probe";

    private final SessionManager manager;

    /**
     * An indicator over a manager.
     *
     * @param manager the manager whose store is probed
     */
    public Session4jHealthIndicator(SessionManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * Reads one key from the store.
     *
     * @return up with the backend's name and the read's duration in milliseconds, or down with the
     *     failure
     */
    @Override
    public Health health() {
        long start = System.nanoTime();
        try {
            manager.backend().load(manager.storeKey(PROBE_ID));
            return Health.up().withDetail("backend", manager.backendName())
                    .withDetail("readMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).build();
        } catch (RuntimeException e) {
            return Health.down(e).withDetail("backend", manager.backendName()).build();
        }
    }
}
