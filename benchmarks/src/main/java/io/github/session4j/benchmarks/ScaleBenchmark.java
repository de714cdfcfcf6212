package io.github.session4j.benchmarks;

import org.openjdk.jmh.annotations.Param;

/**
 * session4j's 1 KB read and modifying requests while the store holds {@code population} live
 * sessions, which {@code scripts/bench.sh} bulk-loads with {@link Populate} before the run. The
 * setup checks that the store really holds that many, so the label cannot lie.
 */
public class ScaleBenchmark extends SessionRequests {

    /** The session4j backend. */
    @Param({"redis", "jdbc", "filesystem"})
    public String backend;

    /** Live sessions the store holds (at least). */
    @Param({"10000"})
    public long population;

    @Override
    protected SessionTarget connect() {
        long found = Population.count(backend);
        if (found < population) {
            throw new IllegalStateException("the " + backend + " store holds " + found + " sessions, fewer than population="
                    + population + ": load them first with Populate (scripts/bench.sh does)");
        }
        return Targets.open("session4j-" + backend, 1024);
    }
}
