package io.github.session4j.memory;

import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Set;

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

    /**
     * Every capability: the memory backend sweeps, counts, appends, revalidates and indexes sessions by user.
     *
     * @return {@link ExpirySweeper}, {@link SessionCounter}, {@link RecordAppender}, {@link RecordRevalidator}
     *     and {@link PrincipalIndex}
     */
    @Override
    public Set<Class<?>> capabilities() {
        return Set.of(ExpirySweeper.class, SessionCounter.class, RecordAppender.class, RecordRevalidator.class,
                PrincipalIndex.class, RecordScanner.class);
    }

    @Override
    public SessionInterface create(BackendContext context) {
        return new MemorySessionInterface(context.clock(), context.core().keyPrefix());
    }
}
