package io.github.session4j.async;

import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend wrapper that records the thread of every store call, counts them, and can hold them. */
final class ThreadRecordingStore implements SessionInterface {

    private final SessionInterface delegate;
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile CountDownLatch gate;

    ThreadRecordingStore(SessionInterface delegate) {
        this.delegate = delegate;
    }

    private <T> T call(java.util.function.Supplier<T> work) {
        threads.add(Thread.currentThread().getName());
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch held = gate;
            if (held != null && !held.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never opened the gate");
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
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
        return call(() -> delegate.write(write));
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

    @Override
    public void close() {
        delegate.close();
    }
}
