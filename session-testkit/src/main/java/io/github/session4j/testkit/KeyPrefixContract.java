package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Records are stored under exactly the key they were given, so that a listing by prefix finds the
 * records of one prefix and no others.
 */
abstract class KeyPrefixContract extends KitGroup {

    KeyPrefixContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void keysUnderAPrefixAreExactlyTheRecordsWrittenUnderIt() {
        String first = newKey();
        String second = newKey();
        String otherPrefix = fixture().otherPrefix();
        String elsewhere = fixture().newKey(otherPrefix);
        create(first, bytes("one"), LONG_TTL);
        create(second, bytes("two"), LONG_TTL);
        create(elsewhere, bytes("three"), LONG_TTL);

        assertThat(sideDoor().keys(prefix())).as("side door keys under %s", prefix())
                .containsExactlyInAnyOrder(first, second);
        assertThat(sideDoor().keys(otherPrefix)).as("side door keys under %s", otherPrefix)
                .containsExactly(elsewhere);
    }

    @Test
    void aDeletedRecordLeavesTheListing() {
        String kept = newKey();
        String deleted = newKey();
        create(kept, bytes("kept"), LONG_TTL);
        create(deleted, bytes("deleted"), LONG_TTL);

        backend().delete(deleted);

        assertThat(sideDoor().keys(prefix())).as("side door keys under %s after one delete", prefix())
                .containsExactly(kept);
    }
}
