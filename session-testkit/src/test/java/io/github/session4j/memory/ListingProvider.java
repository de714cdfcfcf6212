package io.github.session4j.memory;

import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Set;

/**
 * A backend registered from this test module ({@code META-INF/services} of session-testkit's
 * tests), {@code SESSION_TYPE=listing}, with a capability session-api has never heard of.
 */
public final class ListingProvider implements SessionInterfaceProvider {

    /** The name {@code SESSION_TYPE} selects. */
    static final String NAME = "listing";

    private final Set<Class<?>> declared;

    /** The provider ServiceLoader finds: it declares what its backend has. */
    public ListingProvider() {
        this(Set.of(SessionLister.class, SessionCounter.class));
    }

    /**
     * A provider that declares {@code declared}, right or wrong.
     *
     * @param declared the capabilities it declares
     */
    ListingProvider(Set<Class<?>> declared) {
        this.declared = declared;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-testkit (its tests)";
    }

    @Override
    public Set<Class<?>> capabilities() {
        return declared;
    }

    @Override
    public SessionInterface create(BackendContext context) {
        return new ListingBackend(new MemorySessionInterface(context.clock(), context.core().keyPrefix()));
    }
}
