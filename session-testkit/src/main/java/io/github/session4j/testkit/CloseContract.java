package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.session4j.spi.SessionInterface;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Closing a backend is idempotent and affects only that backend.
 */
abstract class CloseContract extends KitGroup {

    CloseContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void closeIsIdempotent() {
        SessionInterface closed = fixture().openBackend(fixture().config());
        Writes.create(closed, newKey(), bytes("before close"), LONG_TTL);

        assertThatCode(closed::close).as("first close").doesNotThrowAnyException();
        assertThatCode(closed::close).as("second close").doesNotThrowAnyException();
    }

    @Test
    void closingOneBackendLeavesAnotherOneWorking() {
        SessionInterface closed = fixture().openBackend(fixture().config());
        Writes.create(closed, newKey(), bytes("written before close"), LONG_TTL);

        closed.close();

        String after = newKey();
        assertThat(create(after, bytes("written after close"), LONG_TTL))
                .as("create through a second backend of the same provider after the first was closed")
                .isTrue();
        assertStored(after, bytes("written after close"), "after another backend was closed");
    }
}
