package io.github.session4j.servlet;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real backend with a switch that makes every call fail as a store outage does. */
final class SwitchableBackend implements SessionInterface {

    private final SessionInterface store;
    private final AtomicBoolean down = new AtomicBoolean();

    SwitchableBackend(SessionInterface store) {
        this.store = store;
    }

    void down(boolean isDown) {
        down.set(isDown);
    }

    private void check() {
        if (down.get()) {
            throw new SessionBackendException("test store is switched off");
        }
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        check();
        return store.load(key);
    }

    @Override
    public WriteResult write(RecordWrite write) {
        check();
        return store.write(write);
    }

    /** The store's capabilities, passed through. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return store.capability(type);
    }

    @Override
    public void delete(String key) {
        check();
        store.delete(key);
    }

    @Override
    public void touch(String key, Duration ttl) {
        check();
        store.touch(key, ttl);
    }

    @Override
    public void close() {
        store.close();
    }
}
