package io.github.session4j;

import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a backend and counts the calls that reach it, one per round trip, and can be switched to
 * fail like a store that is down.
 */
public final class CountingSessionInterface implements SessionInterface {

    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger replaces = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    final AtomicInteger touches = new AtomicInteger();
    private volatile boolean down;
    private final SessionInterface delegate;

    /**
     * Wraps a backend.
     *
     * @param delegate the backend that answers
     */
    public CountingSessionInterface(SessionInterface delegate) {
        this.delegate = delegate;
    }

    /** @return every call that reached the store so far */
    public int total() {
        return loads.get() + creates.get() + replaces.get() + deletes.get() + touches.get();
    }

    /**
     * Makes every later call fail like a store that is down, or work again.
     *
     * @param down whether the store is down
     */
    public void setDown(boolean down) {
        this.down = down;
    }

    private void check() {
        if (down) {
            throw new SessionBackendException("store down (simulated by the test)");
        }
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        check();
        loads.incrementAndGet();
        return delegate.load(key);
    }

    @Override
    public boolean create(String key, byte[] record, Duration ttl) {
        check();
        creates.incrementAndGet();
        return delegate.create(key, record, ttl);
    }

    @Override
    public boolean replace(String key, byte[] record, long expectedVersion, Duration ttl) {
        check();
        replaces.incrementAndGet();
        return delegate.replace(key, record, expectedVersion, ttl);
    }

    @Override
    public void delete(String key) {
        check();
        deletes.incrementAndGet();
        delegate.delete(key);
    }

    @Override
    public void touch(String key, Duration ttl) {
        check();
        touches.incrementAndGet();
        delegate.touch(key, ttl);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
