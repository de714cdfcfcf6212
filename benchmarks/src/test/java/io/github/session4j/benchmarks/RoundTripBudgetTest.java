package io.github.session4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN.md §5's budget, counted by the servers themselves: through the {@code SessionManager} a
 * read request costs 1 round trip and a modifying one 2, on every backend that has a server. Also
 * checks the counting on the raw floor, whose cost is known by construction.
 *
 * <p>PostgreSQL's {@code xact_commit} also counts the transactions of autovacuum workers visiting
 * the database (a few per thousand requests here), so there the commits are checked to the
 * nearest whole number and the statements exactly, as index scans.
 */
class RoundTripBudgetTest {

    @ParameterizedTest
    @ValueSource(strings = {"session4j-redis", "session4j-redis-delta", "session4j-redis-delta-cached", "session4j-memcached", "session4j-mongodb",
            "session4j-dynamodb", "session4j-jdbc", "session4j-jdbc-delta", "session4j-jdbc-delta-cached",
            "raw-redis", "raw-memcached", "raw-mongodb", "raw-dynamodb", "raw-jdbc"})
    void aReadCostsOneRoundTripAndAModifyingRequestTwo(String target) {
        List<RoundTrips.Cost> costs = RoundTrips.measure(target, 1024);

        assertCost(costs.get(0), 1);
        assertCost(costs.get(1), 2);
    }

    private static void assertCost(RoundTrips.Cost cost, int expected) {
        if (cost.target().contains("jdbc")) {
            assertThat(cost.roundTrips()).as("commits: %s", cost).isCloseTo(expected, within(0.1));
            assertThat(cost.counters().get("scans")).as("statements: %s", cost).isEqualTo(expected);
        } else {
            assertThat(cost.roundTrips()).as("%s", cost).isEqualTo(expected);
        }
    }

    @Test
    void everyTargetWithAServerHasACounter() {
        for (String target : Targets.ALL) {
            if (!target.endsWith("filesystem")) {
                try (ServerCounter counter = RoundTrips.counterFor(target)) {
                    assertThat(counter.snapshot()).as("the server's counters for %s", target).isNotEmpty();
                }
            }
        }
    }
}
