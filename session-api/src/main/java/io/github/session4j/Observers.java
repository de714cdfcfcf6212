package io.github.session4j;

import io.github.session4j.codec.UnreadableRecordException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link SessionObserver}s of one manager. Cheap when empty, which callers check first with
 * {@link #isEmpty()} so that no clock is read and nothing is allocated; an observer that throws
 * is logged and skipped.
 */
final class Observers {

    private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());

    private final List<SessionObserver> observers = new CopyOnWriteArrayList<>();
    private final String backend;

    /** The observers of a manager whose backend is {@code backend}, such as {@code redis}. */
    Observers(String backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    void add(SessionObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    boolean remove(SessionObserver observer) {
        return observers.remove(observer);
    }

    boolean isEmpty() {
        return observers.isEmpty();
    }

    void storeCall(StoreCall call) {
        each(o -> o.storeCall(call));
    }

    void committed(CommitEvent event) {
        each(o -> o.committed(event));
    }

    void unreadableRecord(UnreadableRecordException.Reason reason) {
        each(o -> o.unreadableRecord(reason));
    }

    SessionObserver.Phase loadStarted() {
        return phase(o -> o.loadStarted(backend));
    }

    SessionObserver.Phase commitStarted() {
        return phase(o -> o.commitStarted(backend));
    }

    private SessionObserver.Phase phase(Function<SessionObserver, SessionObserver.Phase> start) {
        if (observers.isEmpty()) {
            return SessionObserver.Phase.NONE;
        }
        List<SessionObserver.Phase> phases = new ArrayList<>(observers.size());
        each(o -> phases.add(start.apply(o)));
        if (phases.size() == 1) {
            return phases.get(0);
        }
        return new SessionObserver.Phase() {
            @Override
            public void failed(Throwable error) {
                phases.forEach(p -> guarded(() -> p.failed(error)));
            }

            @Override
            public void close() {
                // closed in reverse, as nested scopes are
                for (int i = phases.size() - 1; i >= 0; i--) {
                    SessionObserver.Phase p = phases.get(i);
                    guarded(p::close);
                }
            }
        };
    }

    private void each(Consumer<SessionObserver> event) {
        for (SessionObserver observer : observers) {
            guarded(() -> event.accept(observer));
        }
    }

    private static void guarded(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A SessionObserver failed; the request goes on without it", e);
        }
    }
}
