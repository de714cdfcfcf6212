package io.github.session4j.testkit;

import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Forwards every call to another backend, unchanged: the base of the tests' wrapped backends,
 * which override what they change (a backend that breaks one rule, a shared backend whose
 * {@code close} does nothing). The one forwarding backend of the suites; it forwards the
 * {@link SessionInterface} methods only, so a wrapper that must pass on more (such as
 * {@link io.github.session4j.spi.RecordAppender}) implements and forwards those itself.
 */
public class ForwardingSessionInterface implements SessionInterface {

    /** The backend every call goes to. */
    protected final SessionInterface delegate;

    /**
     * Wraps a backend.
     *
     * @param delegate the backend every call goes to
     */
    public ForwardingSessionInterface(SessionInterface delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        return delegate.load(key);
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        return delegate.loadAndTouch(key, ttl);
    }

    @Override
    public boolean refreshesInLoad() {
        return delegate.refreshesInLoad();
    }

    @Override
    public boolean create(String key, byte[] record, Duration ttl) {
        return delegate.create(key, record, ttl);
    }

    @Override
    public boolean replace(String key, byte[] record, long expectedVersion, Duration ttl) {
        return delegate.replace(key, record, expectedVersion, ttl);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public void touch(String key, Duration ttl) {
        delegate.touch(key, ttl);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
