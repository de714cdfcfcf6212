package io.github.session4j.testkit;

import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a backend and counts the calls made through the SPI: each of {@code load},
 * {@code loadAndTouch}, {@code write}, {@code delete} and {@code touch} counts as one round trip
 * ({@code refreshesInLoad}, {@code capability} and {@code close} do not). This is the kit's
 * default {@link RoundTripCounter}.
 *
 * <p>Every capability of the wrapped backend passes through {@link #capability}: those the kit
 * knows come wrapped so that their calls count too ({@link RecordRevalidator#revalidate},
 * {@link ExpirySweeper#sweepExpired}, {@link SessionCounter#countLive} and each method of
 * {@link PrincipalIndex} one round trip each; an
 * append is a {@link #write}); any other is the backend's own, whose calls are not counted.
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
     * Wraps a backend, adding to a shared counter; the same as the constructor, which passes
     * every capability through.
     *
     * @param delegate the backend that does the work
     * @param calls the counter to add to
     * @return the counting wrapper
     */
    public static CountingSessionInterface wrap(SessionInterface delegate, AtomicLong calls) {
        return new CountingSessionInterface(delegate, calls);
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
    public WriteResult write(RecordWrite write) {
        calls.incrementAndGet();
        return delegate.write(write);
    }

    /**
     * The wrapped backend's capability, counting the calls of those the kit knows.
     *
     * @param type the capability's interface
     * @param <T> the capability's type
     * @return the capability, or empty when the wrapped backend lacks it
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        Optional<T> found = delegate.capability(type);
        if (found.isEmpty()) {
            return found;
        }
        Object counted;
        if (type == RecordRevalidator.class) {
            RecordRevalidator revalidator = (RecordRevalidator) found.get();
            counted = (RecordRevalidator) (key, version, ttl) -> {
                calls.incrementAndGet();
                return revalidator.revalidate(key, version, ttl);
            };
        } else if (type == ExpirySweeper.class) {
            ExpirySweeper sweeper = (ExpirySweeper) found.get();
            counted = (ExpirySweeper) maxRecords -> {
                calls.incrementAndGet();
                return sweeper.sweepExpired(maxRecords);
            };
        } else if (type == SessionCounter.class) {
            SessionCounter counter = (SessionCounter) found.get();
            counted = (SessionCounter) () -> {
                calls.incrementAndGet();
                return counter.countLive();
            };
        } else if (type == PrincipalIndex.class) {
            counted = new CountingPrincipalIndex((PrincipalIndex) found.get(), calls);
        } else {
            return found; // RecordAppender has no methods (an append is a write); others are not the kit's to count
        }
        return Optional.of(type.cast(counted));
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
