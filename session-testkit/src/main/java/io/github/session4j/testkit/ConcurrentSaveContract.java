package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.spi.StoredRecord;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Conditional saves are atomic: of many threads racing to create one key, or to replace it from
 * the same version, exactly one wins, and the store holds the winner's bytes.
 */
abstract class ConcurrentSaveContract extends KitGroup {

    private static final int THREADS = 16;
    private static final int ROUNDS = 5;

    ConcurrentSaveContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void ofManyRacingCreatesExactlyOneWins() {
        for (int round = 0; round < ROUNDS; round++) {
            String key = newKey();
            List<Boolean> won = Race.run(THREADS, i -> create(key, bytes("writer " + i), LONG_TTL));
            assertOneWinner(key, won, "create", round);
        }
    }

    @Test
    void ofManyRacingReplacesFromOneVersionExactlyOneWins() {
        for (int round = 0; round < ROUNDS; round++) {
            String key = newKey();
            create(key, bytes("base"), LONG_TTL);
            long version = loaded(key, "after create").version();

            List<Boolean> won = Race.run(THREADS, i -> replace(key, bytes("writer " + i), version, LONG_TTL));

            StoredRecord after = assertOneWinner(key, won, "replace from version " + version, round);
            assertThat(after.version()).as("version after the race").isNotEqualTo(version);
        }
    }

    private StoredRecord assertOneWinner(String key, List<Boolean> won, String operation, int round) {
        int winner = won.indexOf(Boolean.TRUE);
        long winners = won.stream().filter(Boolean::booleanValue).count();
        assertThat(winners)
                .as("%d threads raced to %s %s (round %d); results by thread: %s", THREADS, operation, key, round, won)
                .isEqualTo(1);
        return assertStored(key, bytes("writer " + winner), "after the race, which thread " + winner + " won");
    }
}
