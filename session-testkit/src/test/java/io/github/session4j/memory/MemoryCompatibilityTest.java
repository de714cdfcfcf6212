package io.github.session4j.memory;

import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.MemorySideDoor;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The in-process {@code memory} backend passes the whole kit.
 *
 * <p>A memory backend's store is the backend instance itself, so the side door looks into every
 * instance the provider created during the current test (the kit's own, and the one behind the
 * test's {@code SessionManager}).
 */
class MemoryCompatibilityTest extends SessionInterfaceCompatibilityKit {

    /** Every memory store the provider created during the current test. */
    final List<MemorySessionInterface> stores = new CopyOnWriteArrayList<>();

    @Override
    protected SessionInterfaceProvider provider() {
        return new TrackingMemoryProvider(stores, UnaryOperator.identity());
    }

    @Override
    protected SideDoor sideDoor() {
        return new MemorySideDoor(stores, clock());
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.CLOCK;
    }
}
