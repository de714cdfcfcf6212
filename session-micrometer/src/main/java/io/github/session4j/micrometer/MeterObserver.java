package io.github.session4j.micrometer;

import io.github.session4j.CommitEvent;
import io.github.session4j.SessionObserver;
import io.github.session4j.StoreCall;
import io.github.session4j.codec.UnreadableRecordException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records what a manager reports into meters and observations. Meters are looked up once and
 * kept: a store call costs an array read and a timer update.
 */
final class MeterObserver implements SessionObserver {

    private static final int OUTCOMES = StoreCall.Outcome.values().length;

    private final MeterRegistry registry;
    private final String backend;
    private final ObservationRegistry observations;
    private final Map<String, BackendMeters> byBackend = new ConcurrentHashMap<>();
    /** The manager's own backend's meters, found without a map lookup; the old backend's are in the map. */
    private final BackendMeters primary;
    private final Counter conflicts;
    private final Counter retries;
    private final Counter created;
    private final Counter regenerated;
    private final Counter invalidated;
    private final Counter migrated;
    private final Map<UnreadableCause, Counter> unreadable = new EnumMap<>(UnreadableCause.class);

    MeterObserver(MeterRegistry registry, String backend, ObservationRegistry observations) {
        this.registry = registry;
        this.backend = backend;
        this.observations = observations;
        this.conflicts = counter(MeterNames.CONFLICTS, "conditional saves that lost a race with another request");
        this.retries = counter(MeterNames.RETRIES, "saves planned and run again after a lost race or a taken ID");
        this.created = counter(MeterNames.CREATED, "new sessions stored");
        this.regenerated = counter(MeterNames.REGENERATED, "sessions moved to a new ID (regenerate, sign-in)");
        this.invalidated = counter(MeterNames.INVALIDATED, "sessions invalidated (logout, sign-out)");
        this.migrated = counter(MeterNames.MIGRATED, "sessions moved here from the old backend of a live migration");
        for (UnreadableCause cause : UnreadableCause.values()) {
            unreadable.put(cause, Counter.builder(MeterNames.UNREADABLE)
                    .description("stored records that could not be read, treated as no session")
                    .tag(MeterNames.BACKEND, backend).tag(MeterNames.CAUSE, cause.tag()).register(registry));
        }
        this.primary = new BackendMeters(registry, backend);
        byBackend.put(backend, primary);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag(MeterNames.BACKEND, backend).register(registry);
    }

    @Override
    public void storeCall(StoreCall call) {
        BackendMeters meters = call.backend().equals(backend) ? primary
                : byBackend.computeIfAbsent(call.backend(), b -> new BackendMeters(registry, b));
        meters.timer(call.operation(), call.outcome()).record(call.durationNanos(), TimeUnit.NANOSECONDS);
        if (call.recordBytes() >= 0) {
            meters.size(call.operation()).record(call.recordBytes());
        }
    }

    @Override
    public void committed(CommitEvent event) {
        if (event.conflicts() > 0) {
            conflicts.increment(event.conflicts());
        }
        if (event.retries() > 0) {
            retries.increment(event.retries());
        }
        if (event.migrated()) {
            migrated.increment();
        }
        switch (event.kind()) {
            case CREATED -> created.increment();
            case REGENERATED -> regenerated.increment();
            case INVALIDATED -> invalidated.increment();
            default -> {
                // reads, saves and untouched sessions are in the store-call timers
            }
        }
    }

    @Override
    public void unreadableRecord(UnreadableRecordException.Reason reason) {
        unreadable.get(UnreadableCause.of(reason)).increment();
    }

    @Override
    public Phase loadStarted(String name) {
        return observed(MeterNames.LOAD_OBSERVATION, "a request's session load");
    }

    @Override
    public Phase commitStarted(String name) {
        return observed(MeterNames.COMMIT_OBSERVATION, "a request's session commit");
    }

    private Phase observed(String name, String contextual) {
        if (observations.isNoop()) {
            return Phase.NONE;
        }
        Observation observation = Observation.createNotStarted(name, observations)
                .contextualName(contextual).lowCardinalityKeyValue(MeterNames.BACKEND, backend).start();
        Observation.Scope scope = observation.openScope();
        return new Phase() {
            @Override
            public void failed(Throwable error) {
                observation.error(error);
            }

            @Override
            public void close() {
                scope.close();
                observation.stop();
            }
        };
    }

    /** The timers and size summaries of one backend (two during a live migration). */
    private static final class BackendMeters {

        private final Timer[] timers;
        private final DistributionSummary[] sizes;

        BackendMeters(MeterRegistry registry, String backend) {
            StoreCall.Operation[] operations = StoreCall.Operation.values();
            timers = new Timer[operations.length * OUTCOMES];
            sizes = new DistributionSummary[operations.length];
            for (StoreCall.Operation operation : operations) {
                String op = tag(operation);
                for (StoreCall.Outcome outcome : StoreCall.Outcome.values()) {
                    timers[operation.ordinal() * OUTCOMES + outcome.ordinal()] = Timer.builder(MeterNames.STORE_CALLS)
                            .description("calls of the session store").tag(MeterNames.BACKEND, backend)
                            .tag(MeterNames.OPERATION, op).tag(MeterNames.OUTCOME, tag(outcome)).register(registry);
                }
                sizes[operation.ordinal()] = DistributionSummary.builder(MeterNames.RECORD_SIZE)
                        .description("sizes of the session records read and written").baseUnit("bytes")
                        .tag(MeterNames.BACKEND, backend).tag(MeterNames.OPERATION, op).register(registry);
            }
        }

        Timer timer(StoreCall.Operation operation, StoreCall.Outcome outcome) {
            return timers[operation.ordinal() * OUTCOMES + outcome.ordinal()];
        }

        DistributionSummary size(StoreCall.Operation operation) {
            return sizes[operation.ordinal()];
        }
    }

    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
