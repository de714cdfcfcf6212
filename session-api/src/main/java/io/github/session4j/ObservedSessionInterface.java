package io.github.session4j;

import io.github.session4j.StoreCall.Operation;
import io.github.session4j.StoreCall.Outcome;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.Revalidation;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The backend as the manager calls it: every call is passed on unchanged and, when an observer is
 * registered, timed and reported as a {@link StoreCall}. With none registered a call costs one
 * check of an empty list. Capabilities pass through; a {@link RecordRevalidator}'s calls are
 * reported too.
 */
final class ObservedSessionInterface implements SessionInterface {

    private final SessionInterface delegate;
    private final String name;
    private final Observers observers;

    ObservedSessionInterface(SessionInterface delegate, String name, Observers observers) {
        this.delegate = delegate;
        this.name = name;
        this.observers = observers;
    }

    // No lambda is made before the check for observers: without them a call costs that check alone.

    @Override
    public Optional<StoredRecord> load(String key) {
        if (observers.isEmpty()) {
            return delegate.load(key);
        }
        long start = System.nanoTime();
        Optional<StoredRecord> found;
        try {
            found = delegate.load(key);
        } catch (RuntimeException e) {
            report(Operation.LOAD, Outcome.ERROR, start, -1);
            throw e;
        }
        reportLoad(found, start);
        return found;
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        if (observers.isEmpty()) {
            return delegate.loadAndTouch(key, ttl);
        }
        long start = System.nanoTime();
        Optional<StoredRecord> found;
        try {
            found = delegate.loadAndTouch(key, ttl);
        } catch (RuntimeException e) {
            report(Operation.LOAD, Outcome.ERROR, start, -1);
            throw e;
        }
        reportLoad(found, start);
        return found;
    }

    private void reportLoad(Optional<StoredRecord> found, long start) {
        int bytes = found.isPresent() ? found.get().data().length : -1;
        report(Operation.LOAD, found.isPresent() ? Outcome.OK : Outcome.MISSING, start, bytes > 0 ? bytes : -1);
    }

    @Override
    public boolean refreshesInLoad() {
        return delegate.refreshesInLoad();
    }

    @Override
    public WriteResult write(RecordWrite write) {
        if (observers.isEmpty()) {
            return delegate.write(write);
        }
        Operation operation;
        int bytes;
        if (write instanceof RecordWrite.Create c) {
            operation = Operation.CREATE;
            bytes = c.record().length;
        } else if (write instanceof RecordWrite.Replace r) {
            operation = Operation.REPLACE;
            bytes = r.record().length;
        } else {
            operation = Operation.APPEND;
            bytes = 0; // a frame, not a record
        }
        long start = System.nanoTime();
        WriteResult result;
        try {
            result = delegate.write(write);
        } catch (RuntimeException e) {
            report(operation, Outcome.ERROR, start, -1);
            throw e;
        }
        report(operation, result.isWritten() ? Outcome.OK : Outcome.CONFLICT, start, bytes > 0 ? bytes : -1);
        return result;
    }

    @Override
    public void delete(String key) {
        if (observers.isEmpty()) {
            delegate.delete(key);
            return;
        }
        observedVoid(Operation.DELETE, () -> delegate.delete(key));
    }

    @Override
    public void touch(String key, Duration ttl) {
        if (observers.isEmpty()) {
            delegate.touch(key, ttl);
            return;
        }
        observedVoid(Operation.TOUCH, () -> delegate.touch(key, ttl));
    }

    private void observedVoid(Operation operation, Runnable call) {
        if (observers.isEmpty()) {
            call.run();
            return;
        }
        long start = System.nanoTime();
        failing(operation, start, () -> {
            call.run();
            return null;
        });
        report(operation, Outcome.OK, start, -1);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        Optional<T> found = delegate.capability(type);
        if (found.isEmpty()) {
            return found;
        }
        if (type == RecordRevalidator.class) {
            RecordRevalidator revalidator = (RecordRevalidator) found.get();
            RecordRevalidator observed = (key, version, ttl) -> observers.isEmpty() ? revalidator.revalidate(key, version, ttl)
                    : revalidated(() -> revalidator.revalidate(key, version, ttl));
            return Optional.of(type.cast(observed));
        }
        if (type == PrincipalIndex.class) {
            return Optional.of(type.cast(new ObservedIndex((PrincipalIndex) found.get())));
        }
        return found;
    }

    /** The principal index, whose {@code deleteIndexed} is a session's delete and is reported as one. */
    private final class ObservedIndex implements PrincipalIndex {

        private final PrincipalIndex index;

        ObservedIndex(PrincipalIndex index) {
            this.index = index;
        }

        @Override
        public List<String> indexedKeys(String principalKey, String after, int limit) {
            return index.indexedKeys(principalKey, after, limit);
        }

        @Override
        public void unindex(String principalKey, Collection<String> keys) {
            index.unindex(principalKey, keys);
        }

        @Override
        public void deleteIndexed(String key, String principalKey) {
            observedVoid(Operation.DELETE, () -> index.deleteIndexed(key, principalKey));
        }
    }

    private Revalidation revalidated(Supplier<Revalidation> call) {
        if (observers.isEmpty()) {
            return call.get();
        }
        long start = System.nanoTime();
        Revalidation answer = failing(Operation.REVALIDATE, start, call);
        if (answer.isUnchanged()) {
            report(Operation.REVALIDATE, Outcome.OK, start, -1);
        } else {
            Optional<StoredRecord> current = answer.current();
            report(Operation.REVALIDATE, current.isPresent() ? Outcome.OK : Outcome.MISSING, start,
                    current.map(r -> r.data().length).orElse(-1));
        }
        return answer;
    }

    private <T> T failing(Operation operation, long start, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            report(operation, Outcome.ERROR, start, -1);
            throw e;
        }
    }

    private void report(Operation operation, Outcome outcome, long start, int bytes) {
        observers.storeCall(new StoreCall(operation, outcome, name, System.nanoTime() - start, bytes));
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
