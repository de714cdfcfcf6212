package io.github.session4j.servlet;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
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
    public boolean create(String key, byte[] record, Duration ttl) {
        check();
        return store.create(key, record, ttl);
    }

    @Override
    public boolean replace(String key, byte[] record, long expectedVersion, Duration ttl) {
        check();
        return store.replace(key, record, expectedVersion, ttl);
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
