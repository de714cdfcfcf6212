package io.github.session4j.testkit;

import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a backend and counts the calls made through the SPI: each of {@code load},
 * {@code loadAndTouch}, {@code create}, {@code replace}, {@code delete} and {@code touch} counts
 * as one round trip ({@code refreshesInLoad} and {@code close} do not). This is the kit's default
 * {@link RoundTripCounter}.
 *
 * <p>The wrapper does not expose the optional capabilities of the wrapped backend, except through
 * {@link #wrap}, which keeps {@link RecordAppender} (an {@code append} counts as one round trip too).
 */
public class CountingSessionInterface implements SessionInterface, RoundTripCounter {

    private final SessionInterface delegate;
    private final AtomicLong calls;

    /**
     * Wraps a backend with a counter of its own.
     *
     * @param delegate the backend that does the work
     */
    public CountingSessionInterface(SessionInterface delegate) {
        this(delegate, new AtomicLong());
    }

    /**
     * Wraps a backend, adding to a shared counter (so that several wrapped backends of one test
     * count together).
     *
     * @param delegate the backend that does the work
     * @param calls the counter to add to
     */
    public CountingSessionInterface(SessionInterface delegate, AtomicLong calls) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * Wraps a backend, adding to a shared counter, and keeps its {@link RecordAppender} capability
     * when it has one, so that the core saves through it as it would through the backend itself.
     *
     * @param delegate the backend that does the work
     * @param calls the counter to add to
     * @return the counting wrapper, a {@link RecordAppender} when {@code delegate} is one
     */
    public static CountingSessionInterface wrap(SessionInterface delegate, AtomicLong calls) {
        return delegate instanceof RecordAppender appender ? new Appending(delegate, appender, calls)
                : new CountingSessionInterface(delegate, calls);
    }

    /** The wrapper of a backend that can append. */
    private static final class Appending extends CountingSessionInterface implements RecordAppender {

        private final RecordAppender appender;

        Appending(SessionInterface delegate, RecordAppender appender, AtomicLong calls) {
            super(delegate, calls);
            this.appender = appender;
        }

        @Override
        public boolean append(String key, byte[] tail, long expectedVersion, Duration ttl) {
            countCall();
            return appender.append(key, tail, expectedVersion, ttl);
        }
    }

    /** Counts one call. */
    final void countCall() {
        calls.incrementAndGet();
    }

    /**
     * The calls counted so far.
     *
     * @return the count
     */
    @Override
    public long count() {
        return calls.get();
    }

    /**
     * The wrapped backend.
     *
     * @return the backend
     */
    public SessionInterface delegate() {
        return delegate;
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        calls.incrementAndGet();
        return delegate.load(key);
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        calls.incrementAndGet();
        return delegate.loadAndTouch(key, ttl);
    }

    /**
     * Answers as the wrapped backend does (not counted: it is no round trip), so that the core
     * reads the same way through the wrapper as without it.
     */
    @Override
    public boolean refreshesInLoad() {
        return delegate.refreshesInLoad();
    }

    @Override
    public boolean create(String key, byte[] record, Duration ttl) {
        calls.incrementAndGet();
        return delegate.create(key, record, ttl);
    }

    @Override
    public boolean replace(String key, byte[] record, long expectedVersion, Duration ttl) {
        calls.incrementAndGet();
        return delegate.replace(key, record, expectedVersion, ttl);
    }

    @Override
    public void delete(String key) {
        calls.incrementAndGet();
        delegate.delete(key);
    }

    @Override
    public void touch(String key, Duration ttl) {
        calls.incrementAndGet();
        delegate.touch(key, ttl);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "Counting[" + delegate + ", calls=" + calls.get() + "]";
    }
}
