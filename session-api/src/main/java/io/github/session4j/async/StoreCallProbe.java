package io.github.session4j.async;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A backend wrapper for the tests of event-loop adapters: it records the thread of every store
 * call, counts the calls and the most that ran at once, and can slow every call down, hold them
 * until released, or fail them as a store that is down. Optional capabilities of the wrapped
 * backend are hidden, so every call passes through here.
 *
 * <pre>{@code
 * StoreCallProbe probe = new StoreCallProbe(new MemorySessionInterface(clock));
 * SessionManager manager = SessionManager.builder(config).backend("memory", probe).build();
 * ... requests ...
 * assertThat(probe.callsOffStoreThreads()).isZero();
 * }</pre>
 */
public final class StoreCallProbe implements SessionInterface {

    private final SessionInterface delegate;
    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger offStoreThreads = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch gate;
    private volatile boolean down;
    private volatile boolean writesDown;

    /**
     * Wraps a backend.
     *
     * @param delegate the backend that does the work
     */
    public StoreCallProbe(SessionInterface delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Makes every later call sleep this long first, as a slow store.
     *
     * @param delay the delay, zero for none
     */
    public void delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /**
     * Holds every later call until the latch is counted down (at most 30 seconds), or holds none.
     *
     * @param gate the latch, or null
     */
    public void hold(CountDownLatch gate) {
        this.gate = gate;
    }

    /**
     * Makes every later call fail with {@link SessionBackendException}, as a store that is down.
     *
     * @param down whether the store is down
     */
    public void setDown(boolean down) {
        this.down = down;
    }

    /**
     * Makes every later write (create, replace, append) fail with {@link SessionBackendException},
     * while loads, deletes and touches still work: a store that fails in the middle of a request.
     *
     * @param down whether writes fail
     */
    public void setWritesDown(boolean down) {
        this.writesDown = down;
    }

    /**
     * The store calls so far.
     *
     * @return the count
     */
    public int calls() {
        return calls.get();
    }

    /**
     * The calls made on a thread that is not one of {@link AsyncSessions}' (an event loop, say).
     *
     * @return the count; zero when the adapter never blocked a foreign thread
     */
    public int callsOffStoreThreads() {
        return offStoreThreads.get();
    }

    /**
     * The names of the threads that made calls.
     *
     * @return the names, a snapshot
     */
    public Set<String> threadNames() {
        return Set.copyOf(threads);
    }

    /**
     * The calls running now.
     *
     * @return the count
     */
    public int running() {
        return inFlight.get();
    }

    /**
     * The most calls that ran at once.
     *
     * @return the count
     */
    public int maxConcurrent() {
        return maxInFlight.get();
    }

    private <T> T call(Supplier<T> work) {
        calls.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        if (!AsyncSessions.onStoreThread()) {
            offStoreThreads.incrementAndGet();
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            CountDownLatch held = gate;
            if (held != null && !held.await(30, TimeUnit.SECONDS)) {
                throw new SessionBackendException("StoreCallProbe: the gate was not opened within 30 seconds");
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            if (down) {
                throw new SessionBackendException("StoreCallProbe: the store is down (setDown(true))");
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionBackendException("StoreCallProbe: interrupted", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        return call(() -> delegate.load(key));
    }

    @Override
    public WriteResult write(RecordWrite write) {
        return call(() -> {
            if (writesDown) {
                throw new SessionBackendException("StoreCallProbe: writes fail (setWritesDown(true))");
            }
            return delegate.write(write);
        });
    }

    @Override
    public void delete(String key) {
        call(() -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public void touch(String key, Duration ttl) {
        call(() -> {
            delegate.touch(key, ttl);
            return null;
        });
    }

    /** The wrapped backend's {@link PrincipalIndex}, its calls counted and checked as the others; every other capability is hidden. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type != PrincipalIndex.class) {
            return Optional.empty();
        }
        return delegate.capability(PrincipalIndex.class).map(index -> type.cast(new ProbedIndex(index)));
    }

    /** The index's calls through {@link #call}. */
    private final class ProbedIndex implements PrincipalIndex {

        private final PrincipalIndex index;

        ProbedIndex(PrincipalIndex index) {
            this.index = index;
        }

        @Override
        public List<String> indexedKeys(String principalKey, String after, int limit) {
            return call(() -> index.indexedKeys(principalKey, after, limit));
        }

        @Override
        public void unindex(String principalKey, Collection<String> keys) {
            call(() -> {
                index.unindex(principalKey, keys);
                return null;
            });
        }

        @Override
        public void deleteIndexed(String key, String principalKey) {
            call(() -> {
                index.deleteIndexed(key, principalKey);
                return null;
            });
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
