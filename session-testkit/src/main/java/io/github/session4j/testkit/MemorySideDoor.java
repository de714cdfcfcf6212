package io.github.session4j.testkit;

import io.github.session4j.memory.MemorySessionInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A side door over one or more stores of the in-process {@code memory} backend, through their
 * public inspection methods.
 */
public final class MemorySideDoor implements SideDoor {

    private final List<MemorySessionInterface> stores;
    private final Clock clock;

    /**
     * Opens the side door.
     *
     * @param stores the stores, looked into in this order
     * @param clock the clock the stores decide expiry with, for {@link #ttl}
     */
    public MemorySideDoor(List<MemorySessionInterface> stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return stores.stream().map(s -> s.peek(key)).flatMap(Optional::stream).findFirst();
    }

    @Override
    public void write(String key, byte[] record) {
        boolean written = false;
        for (MemorySessionInterface store : stores) {
            written |= store.overwrite(key, record);
        }
        if (!written) {
            throw new IllegalStateException("no memory store holds " + key + ", so there is nothing to overwrite");
        }
    }

    @Override
    public boolean exists(String key) {
        return read(key).isPresent();
    }

    @Override
    public List<String> keys(String prefix) {
        return stores.stream().flatMap(s -> s.keys(prefix).stream()).distinct().toList();
    }

    /** The principal keys of every store's index entries, and their members. */
    @Override
    public List<String> indexContents(String prefix) {
        List<String> contents = new ArrayList<>();
        for (MemorySessionInterface store : stores) {
            store.indexEntries().forEach((pk, keys) -> {
                contents.add(pk);
                contents.addAll(keys);
            });
        }
        return contents;
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return stores.stream().map(s -> s.expiryOf(key)).flatMap(Optional::stream).findFirst()
                .map(expiry -> Duration.between(clock.instant(), expiry));
    }
}
