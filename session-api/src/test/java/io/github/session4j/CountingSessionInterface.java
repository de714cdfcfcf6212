package io.github.session4j;

import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a backend and counts the calls that reach it, one per round trip, and can be switched to
 * fail like a store that is down. It passes the backend's capabilities through uncounted (a
 * revalidation or sweep goes straight to the backend), unless made {@link #withoutCapabilities}.
 */
public final class CountingSessionInterface implements SessionInterface {

    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger replaces = new AtomicInteger();
    final AtomicInteger appends = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    final AtomicInteger touches = new AtomicInteger();
    /** Every write given, in order. */
    final List<RecordWrite> writes = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private final SessionInterface delegate;
    private final boolean capabilities;

    /**
     * Wraps a backend.
     *
     * @param delegate the backend that answers
     */
    public CountingSessionInterface(SessionInterface delegate) {
        this(delegate, true);
    }

    private CountingSessionInterface(SessionInterface delegate, boolean capabilities) {
        this.delegate = delegate;
        this.capabilities = capabilities;
    }

    /**
     * Wraps a backend and hides all its capabilities: a backend that can only load, write,
     * delete and touch.
     *
     * @param delegate the backend that answers
     * @return the wrapper
     */
    public static CountingSessionInterface withoutCapabilities(SessionInterface delegate) {
        return new CountingSessionInterface(delegate, false);
    }

    /** @return every call that reached the store so far */
    public int total() {
        return loads.get() + creates.get() + replaces.get() + appends.get() + deletes.get() + touches.get();
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
    public WriteResult write(RecordWrite write) {
        check();
        writes.add(write);
        if (write instanceof RecordWrite.Create) {
            creates.incrementAndGet();
        } else if (write instanceof RecordWrite.Replace) {
            replaces.incrementAndGet();
        } else {
            appends.incrementAndGet();
        }
        return delegate.write(write);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return capabilities ? delegate.capability(type) : Optional.empty();
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
