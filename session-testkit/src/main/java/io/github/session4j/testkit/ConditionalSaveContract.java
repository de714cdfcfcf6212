package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.spi.StoredRecord;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Versions and conditional saves: a save based on a stale load loses, and a deleted record stays
 * deleted.
 */
abstract class ConditionalSaveContract extends KitGroup {

    ConditionalSaveContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void theVersionChangesOnEverySaveEvenWithTheSameBytes() {
        String key = newKey();
        create(key, bytes("same"), LONG_TTL);
        long first = loaded(key, "after create").version();

        assertThat(replace(key, bytes("same"), first, LONG_TTL)).as("replace with the current version").isTrue();
        long second = loaded(key, "after the first replace").version();
        assertThat(second).as("version after replacing with identical bytes (was %d)", first).isNotEqualTo(first);

        assertThat(replace(key, bytes("other"), second, LONG_TTL)).as("second replace with the current version").isTrue();
        long third = loaded(key, "after the second replace").version();
        assertThat(third).as("version after the second replace (earlier versions %d, %d)", first, second)
                .isNotIn(first, second);
    }

    @Test
    void replaceWithAStaleVersionReturnsFalseAndLeavesTheRecordIntact() {
        String key = newKey();
        create(key, bytes("v1"), LONG_TTL);
        long stale = loaded(key, "after create").version();
        replace(key, bytes("v2"), stale, LONG_TTL);
        long current = loaded(key, "after replace").version();

        assertThat(replace(key, bytes("lost update"), stale, LONG_TTL))
                .as("replace(%s) with the stale version %d (current %d) must lose", key, stale, current)
                .isFalse();

        StoredRecord after = assertStored(key, bytes("v2"), "after a losing replace");
        assertThat(after.version()).as("version after a losing replace").isEqualTo(current);
    }

    @Test
    void replaceOfAKeyNeverWrittenReturnsFalseAndCreatesNothing() {
        String key = newKey();
        for (long version : new long[] {0L, 1L, -1L}) {
            assertThat(replace(key, bytes("ghost"), version, LONG_TTL))
                    .as("replace(%s) with version %d on a key never written", key, version)
                    .isFalse();
        }
        assertGone(key, "after replace on a missing key");
    }

    @Test
    void aDeletedRecordStaysDeletedAgainstItsLastVersion() {
        String key = newKey();
        create(key, bytes("alive"), LONG_TTL);
        long version = loaded(key, "after create").version();
        backend().delete(key);

        assertThat(replace(key, bytes("resurrected"), version, LONG_TTL))
                .as("replace(%s) with the version loaded before the record was deleted", key)
                .isFalse();
        assertGone(key, "after a replace of a deleted record");
    }

    @Test
    void aLosingCreateDoesNotChangeTheVersion() {
        String key = newKey();
        create(key, bytes("first"), LONG_TTL);
        long version = loaded(key, "after create").version();
        create(key, bytes("second"), LONG_TTL);

        assertThat(replace(key, bytes("third"), version, LONG_TTL))
                .as("replace with the version from before a losing create")
                .isTrue();
        assertStored(key, bytes("third"), "after replace");
    }
}
