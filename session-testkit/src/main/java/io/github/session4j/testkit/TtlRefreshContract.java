package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.spi.StoredRecord;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code touch} and {@code loadAndTouch} set the TTL without rewriting the record: same bytes,
 * same version.
 */
abstract class TtlRefreshContract extends KitGroup {

    TtlRefreshContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void touchExtendsTheTtlWithoutChangingBytesOrVersion() {
        String key = newKey();
        create(key, bytes("unchanged"), shortTtl());
        long version = loaded(key, "after create").version();

        backend().touch(key, LONG_TTL);

        assertRefreshedWithoutRewrite(key, bytes("unchanged"), version, "touch");
    }

    /** The record got {@link #LONG_TTL} and kept its bytes and version. */
    private void assertRefreshedWithoutRewrite(String key, byte[] data, long version, String operation) {
        assertOutlivesShortTtl(key, operation + " with " + LONG_TTL);
        StoredRecord after = assertStored(key, data, "after " + operation);
        assertThat(after.version()).as("version of %s after %s (a TTL refresh is not a save)", key, operation)
                .isEqualTo(version);
    }

    @Test
    void touchSetsAShorterTtlToo() {
        String key = newKey();
        create(key, bytes("cut short"), LONG_TTL);

        backend().touch(key, shortTtl());

        letExpire(key);
    }

    @Test
    void touchOfAKeyNeverWrittenCreatesNothing() {
        String key = newKey();
        backend().touch(key, LONG_TTL);
        assertGone(key, "after touching a key never written");
    }

    @Test
    void loadAndTouchReturnsTheRecordAndExtendsItsTtl() {
        String key = newKey();
        create(key, bytes("refreshed"), shortTtl());
        long version = loaded(key, "after create").version();

        Optional<StoredRecord> found = backend().loadAndTouch(key, LONG_TTL);

        assertThat(found).as("loadAndTouch(%s) of a live record", key).isPresent();
        assertSameBytes("the bytes loadAndTouch returns", bytes("refreshed"), found.get().data());
        assertThat(found.get().version()).as("the version loadAndTouch returns").isEqualTo(version);
        assertExpiresAtFits(found.get(), LONG_TTL, "returned by loadAndTouch (the SPI's default, load then touch,"
                + " returns the expiry from before the touch: override loadAndTouch, or report expiresAt=null there)");
        assertRefreshedWithoutRewrite(key, bytes("refreshed"), version, "loadAndTouch");
    }

    @Test
    void loadAndTouchOfAKeyNeverWrittenIsEmptyAndCreatesNothing() {
        String key = newKey();
        assertThat(backend().loadAndTouch(key, LONG_TTL)).as("loadAndTouch(%s) of a key never written", key).isEmpty();
        assertGone(key, "after loadAndTouch of a key never written");
    }
}
