package io.github.session4j.micrometer;

import io.github.session4j.SessionManager;
import io.github.session4j.spi.CheapSessionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Binds the meters of a {@link SessionManager} to a {@link MeterRegistry}, and, with an
 * {@link ObservationRegistry}, wraps each request's load and commit in an
 * {@link io.micrometer.observation.Observation}, so that traces (OpenTelemetry through
 * Micrometer's tracing bridge) show the store time of a request.
 *
 * <pre>{@code
 * SessionMetrics metrics = new SessionMetrics(sessions, observationRegistry);
 * metrics.bindTo(meterRegistry);
 * // on shutdown, before sessions.close():
 * metrics.close();
 * }</pre>
 *
 * <p>The meters, their tags and what they mean are listed in this module's README. No tag ever
 * holds a session ID, a principal or a store key: the tags are the backend's name and closed sets
 * of words. The live-sessions gauge is registered only when the backend counts cheaply
 * ({@link CheapSessionCounter}); a scrape never scans a store.
 *
 * <p>Each {@link #bindTo} adds one observer to the manager; {@link #close()} removes them. The
 * cost on a request is a few clock reads and meter updates, measured in the {@code benchmarks}
 * module's REPORT.md.
 */
public final class SessionMetrics implements MeterBinder, AutoCloseable {

    private final SessionManager manager;
    private final ObservationRegistry observations;
    private final List<MeterObserver> bound = new CopyOnWriteArrayList<>();

    /**
     * Meters of a manager, without observations.
     *
     * @param manager the application's session manager
     */
    public SessionMetrics(SessionManager manager) {
        this(manager, ObservationRegistry.NOOP);
    }

    /**
     * Meters and observations of a manager.
     *
     * @param manager the application's session manager
     * @param observations where the load and commit observations go; {@link ObservationRegistry#NOOP} for none
     */
    public SessionMetrics(SessionManager manager, ObservationRegistry observations) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    /**
     * Registers the meters with {@code registry} and starts recording into them.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        String backend = manager.backendName();
        manager.backend().capability(CheapSessionCounter.class).ifPresent(counter ->
                Gauge.builder(MeterNames.LIVE, counter, CheapSessionCounter::countLive)
                        .description("live sessions in the store (only where the backend counts without scanning)")
                        .tag(MeterNames.BACKEND, backend).baseUnit("sessions").register(registry));
        MeterObserver observer = new MeterObserver(registry, backend, observations);
        bound.add(observer);
        manager.addObserver(observer);
    }

    /**
     * Whether this manager's backend gets the live-sessions gauge: it has {@link CheapSessionCounter}.
     *
     * @return whether {@value MeterNames#LIVE} is registered by {@link #bindTo}
     */
    public boolean hasLiveGauge() {
        return manager.backend().capability(CheapSessionCounter.class).isPresent();
    }

    /** Stops recording: removes this binder's observers from the manager. The meters stay registered. */
    @Override
    public void close() {
        bound.forEach(manager::removeObserver);
        bound.clear();
    }
}
