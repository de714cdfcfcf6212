package io.github.session4j.memory;

import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;

/**
 * Provides the in-process {@code memory} backend ({@code SESSION_TYPE=memory}). It has no settings
 * of its own.
 */
public final class MemorySessionInterfaceProvider implements SessionInterfaceProvider {

    /** The name {@code SESSION_TYPE} selects. */
    public static final String NAME = "memory";

    /** Creates the provider; does nothing else. */
    public MemorySessionInterfaceProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-api";
    }

    @Override
    public SessionInterface create(BackendContext context) {
        return new MemorySessionInterface(context.clock(), context.core().keyPrefix());
    }
}
