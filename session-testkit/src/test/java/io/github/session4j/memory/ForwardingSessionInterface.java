package io.github.session4j.memory;

import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * Forwards every call to another backend; the broken backends of {@link KitCatchesBrokenBackendsTest}
 * override the one rule they break.
 */
class ForwardingSessionInterface implements SessionInterface {

    final SessionInterface delegate;

    ForwardingSessionInterface(SessionInterface delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        return delegate.load(key);
    }

    /**
     * Goes through this class's own {@code load} and {@code touch}, so that breaking one breaks
     * this too; the expiry is not reported, as the pre-touch one would be wrong.
     */
    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        Optional<StoredRecord> found = load(key);
        found.ifPresent(record -> touch(key, ttl));
        return found.map(record -> new StoredRecord(record.data(), record.version(), null));
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
