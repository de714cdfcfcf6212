package io.github.session4j.benchmarks;

import io.github.session4j.micrometer.SessionMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Param;

/**
 * What session4j's Micrometer binder costs a request: {@code session4j-redis} without meters
 * beside the same target with {@link SessionMetrics} bound to a {@link SimpleMeterRegistry}
 * (timers of every store call, record sizes, commit counters; no observations). The wanted
 * figure is the modifying 1 KB request within 3 % (issue #21); compare the two inside one run only.
 */
public class MetricsOverheadBenchmark extends SessionRequests {

    /** {@code none}: no binder; {@code simple}: the binder on a SimpleMeterRegistry. */
    @Param({"none", "simple"})
    public String metrics;

    /** Bytes of {@code data} in the session. */
    @Param({"1024"})
    public int size;

    @Override
    protected SessionTarget connect() {
        Session4jTarget target = new Session4jTarget(Targets.session4jSettings("redis"), size);
        if (metrics.equals("none")) {
            return target;
        }
        if (!metrics.equals("simple")) {
            throw new IllegalArgumentException("metrics must be none or simple, not " + metrics);
        }
        SessionMetrics binder = new SessionMetrics(target.manager());
        binder.bindTo(new SimpleMeterRegistry());
        return new SessionTarget() {
            @Override
            public String newSession() {
                return target.newSession();
            }

            @Override
            public int read(String handle) {
                return target.read(handle);
            }

            @Override
            public long modify(String handle) {
                return target.modify(handle);
            }

            @Override
            public void close() {
                binder.close();
                target.close();
            }
        };
    }
}
