package io.github.session4j.benchmarks;

import io.github.session4j.servers.DynaliteServer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DynamoDB requests dynalite's relay passed on, per operation, each one a round trip; the
 * table calls of a start-up ({@code DescribeTable}, {@code CreateTable}, the TTL calls) are left out.
 */
final class DynaliteCounter implements ServerCounter {

    private final DynaliteServer server;

    DynaliteCounter(DynaliteServer server) {
        this.server = server;
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>(server.requestsByOperation());
        counts.put("items", server.itemRequests());
        return counts;
    }

    @Override
    public long roundTrips(Map<String, Long> delta) {
        return delta.getOrDefault("items", 0L);
    }
}
