package io.github.session4j.memory;

import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The memory provider, remembering every store it creates so that a side door can look into them
 * (a memory backend's store is the backend instance itself), and optionally wrapping each backend.
 */
final class TrackingMemoryProvider implements SessionInterfaceProvider {

    private final MemorySessionInterfaceProvider delegate = new MemorySessionInterfaceProvider();
    private final List<MemorySessionInterface> stores;
    private final UnaryOperator<SessionInterface> wrapper;
    private final Set<Class<?>> capabilities;

    /**
     * @param stores receives every store created
     * @param wrapper applied to each created backend before it is handed out
     */
    TrackingMemoryProvider(List<MemorySessionInterface> stores, UnaryOperator<SessionInterface> wrapper) {
        this(stores, wrapper, new MemorySessionInterfaceProvider().capabilities());
    }

    /**
     * @param stores receives every store created
     * @param wrapper applied to each created backend before it is handed out
     * @param capabilities what {@link #capabilities()} declares, for a wrapper that takes one away
     */
    TrackingMemoryProvider(List<MemorySessionInterface> stores, UnaryOperator<SessionInterface> wrapper,
            Set<Class<?>> capabilities) {
        this.stores = stores;
        this.wrapper = wrapper;
        this.capabilities = Set.copyOf(capabilities);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String artifact() {
        return delegate.artifact();
    }

    @Override
    public Set<Class<?>> capabilities() {
        return capabilities;
    }

    @Override
    public SessionInterface create(BackendContext context) {
        MemorySessionInterface store = (MemorySessionInterface) delegate.create(context);
        stores.add(store);
        return wrapper.apply(store);
    }
}
