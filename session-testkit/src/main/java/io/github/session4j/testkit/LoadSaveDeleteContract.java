package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.session4j.spi.StoredRecord;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Load, create, replace and delete against the backend SPI, checked through the side door.
 */
abstract class LoadSaveDeleteContract extends KitGroup {

    LoadSaveDeleteContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void loadOfAKeyNeverWrittenIsEmpty() {
        String key = newKey();
        assertThat(backend().load(key)).as("load(%s) of a key that was never written", key).isEmpty();
    }

    @Test
    void createStoresTheRecordForLoadAndTheSideDoor() {
        String key = newKey();
        assertThat(create(key, bytes("first"), LONG_TTL)).as("create(%s) on a free key", key).isTrue();
        assertStored(key, bytes("first"), "after create");
        assertThat(sideDoor().exists(key)).as("side door exists(%s) after create", key).isTrue();
    }

    @Test
    void createOnALiveKeyReturnsFalseAndKeepsTheRecord() {
        String key = newKey();
        create(key, bytes("first"), LONG_TTL);
        StoredRecord before = loaded(key, "after create");

        assertThat(create(key, bytes("second"), LONG_TTL))
                .as("create(%s) on a key that holds a live record must lose", key)
                .isFalse();

        StoredRecord after = assertStored(key, bytes("first"), "after a losing create");
        assertThat(after.version()).as("version of %s after a losing create", key).isEqualTo(before.version());
    }

    @Test
    void replaceWithTheCurrentVersionStoresTheNewBytes() {
        String key = newKey();
        create(key, bytes("first"), LONG_TTL);
        long version = loaded(key, "after create").version();

        assertThat(replace(key, bytes("second"), version, LONG_TTL))
                .as("replace(%s) with the version of the last load", key)
                .isTrue();
        assertStored(key, bytes("second"), "after replace");
    }

    @Test
    void deleteRemovesTheRecord() {
        String key = newKey();
        create(key, bytes("doomed"), LONG_TTL);

        backend().delete(key);

        assertGone(key, "after delete");
        assertThat(sideDoor().keys(prefix())).as("side door keys under %s after delete", prefix()).doesNotContain(key);
    }

    @Test
    void deleteOfAMissingKeyIsNotAnError() {
        String key = newKey();
        assertThatCode(() -> backend().delete(key)).as("delete(%s) of a key never written", key).doesNotThrowAnyException();
        assertGone(key, "after deleting a missing key");
    }

    @Test
    void createAfterDeleteStoresAgain() {
        String key = newKey();
        create(key, bytes("first"), LONG_TTL);
        backend().delete(key);

        assertThat(create(key, bytes("again"), LONG_TTL)).as("create(%s) after delete", key).isTrue();
        assertStored(key, bytes("again"), "after delete and create");
    }

    @Test
    void recordsUnderDifferentKeysAreIndependent() {
        String kept = newKey();
        String deleted = newKey();
        create(kept, bytes("kept"), LONG_TTL);
        create(deleted, bytes("deleted"), LONG_TTL);

        backend().delete(deleted);

        assertStored(kept, bytes("kept"), "after deleting another key");
        assertGone(deleted, "after delete");
    }

    @Test
    void loadReturnsWhatTheSideDoorWrote() {
        String key = newKey();
        create(key, bytes("original"), LONG_TTL);

        sideDoor().write(key, bytes("planted by the side door"));

        assertStored(key, bytes("planted by the side door"), "after the side door overwrote it");
    }
}
