package io.github.session4j.memory;

import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.Optional;

/**
 * Forwards every call to another backend, and passes its capabilities through; the broken
 * backends of {@link KitCatchesBrokenBackendsTest} override the one rule they break.
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

    /** Dispatches to {@link #create}, {@link #replace} or {@link #append}, which a broken backend overrides. */
    @Override
    public final WriteResult write(RecordWrite write) {
        if (write instanceof RecordWrite.Create create) {
            return create(create);
        }
        if (write instanceof RecordWrite.Replace replace) {
            return replace(replace);
        }
        return append((RecordWrite.Append) write);
    }

    WriteResult create(RecordWrite.Create write) {
        return delegate.write(write);
    }

    WriteResult replace(RecordWrite.Replace write) {
        return delegate.write(write);
    }

    WriteResult append(RecordWrite.Append write) {
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
