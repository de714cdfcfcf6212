package io.github.session4j.testkit;

import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Forwards every call to another backend, and passes its capabilities through: the base of the
 * tests' wrapped backends, which override what they change (a backend that breaks one rule, a
 * shared backend whose {@code close} does nothing). The one forwarding backend of the suites.
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

    /** Dispatches to {@link #create}, {@link #replace} or {@link #append}, which a broken backend overrides. */
    @Override
    public final WriteResult write(RecordWrite write) {
        return write.match(this::create, this::replace, this::append);
    }

    /**
     * A create, forwarded as it is; a wrapper that changes creates overrides this.
     *
     * @param write the create
     * @return the delegate's answer
     */
    protected WriteResult create(RecordWrite.Create write) {
        return delegate.write(write);
    }

    /**
     * A replace, forwarded as it is; a wrapper that changes replaces overrides this.
     *
     * @param write the replace
     * @return the delegate's answer
     */
    protected WriteResult replace(RecordWrite.Replace write) {
        return delegate.write(write);
    }

    /**
     * An append, forwarded as it is; a wrapper that changes appends overrides this.
     *
     * @param write the append
     * @return the delegate's answer
     */
    protected WriteResult append(RecordWrite.Append write) {
        return delegate.write(write);
    }

    /** This backend's own capabilities, then every one of the backend it forwards to. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : delegate.capability(type);
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
