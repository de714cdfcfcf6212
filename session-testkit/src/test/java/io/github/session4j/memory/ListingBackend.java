package io.github.session4j.memory;

import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.WriteResult;
import io.github.session4j.testkit.ForwardingSessionInterface;
import java.util.List;
import java.util.Optional;

/**
 * The memory backend with one capability of its own, {@link SessionLister}, and of the memory
 * backend's only {@link SessionCounter}: it cannot append, sweep or revalidate.
 */
final class ListingBackend extends ForwardingSessionInterface implements SessionLister {

    private final MemorySessionInterface store;

    ListingBackend(MemorySessionInterface store) {
        super(store);
        this.store = store;
    }

    @Override
    public List<String> keys() {
        return store.keys("");
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == SessionLister.class) {
            return Optional.of(type.cast(this));
        }
        return type == SessionCounter.class ? store.capability(type) : Optional.empty();
    }

    @Override
    protected WriteResult append(RecordWrite.Append write) {
        throw write.unsupported(ListingProvider.NAME);
    }
}
