package io.github.session4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;

/** Reads meters back by name and tags. */
final class MeterAssertions {

    private final MeterRegistry registry;
    private final String backend;

    MeterAssertions(MeterRegistry registry, String backend) {
        this.registry = registry;
        this.backend = backend;
    }

    long calls(String operation, String outcome) {
        Timer timer = registry.find(MeterNames.STORE_CALLS).tag(MeterNames.BACKEND, backend)
                .tag(MeterNames.OPERATION, operation).tag(MeterNames.OUTCOME, outcome).timer();
        assertThat(timer).as("timer %s %s %s", backend, operation, outcome).isNotNull();
        return timer.count();
    }

    double counter(String name) {
        return registry.get(name).tag(MeterNames.BACKEND, backend).counter().count();
    }

    double unreadable(String cause) {
        return registry.get(MeterNames.UNREADABLE).tag(MeterNames.BACKEND, backend).tag(MeterNames.CAUSE, cause).counter().count();
    }

    long sizes(String operation) {
        return registry.get(MeterNames.RECORD_SIZE).tag(MeterNames.BACKEND, backend).tag(MeterNames.OPERATION, operation)
                .summary().count();
    }

    /** No tag of any meter holds one of these strings (IDs, store keys). */
    void noTagContains(String... secrets) {
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                for (String secret : secrets) {
                    assertThat(tag.getValue()).as(meter.getId().toString()).doesNotContain(secret);
                }
            }
        }
    }
}
