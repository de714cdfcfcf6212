package io.github.session4j;

import io.github.session4j.codec.UnreadableRecordException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

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

    // Each event is dispatched by hand rather than through a shared lambda: this runs on every
    // store call of every request, and an allocation per call shows in the overhead benchmark.

    void storeCall(StoreCall call) {
        for (SessionObserver observer : observers) {
            try {
                observer.storeCall(call);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void committed(CommitEvent event) {
        for (SessionObserver observer : observers) {
            try {
                observer.committed(event);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void unreadableRecord(UnreadableRecordException.Reason reason) {
        for (SessionObserver observer : observers) {
            try {
                observer.unreadableRecord(reason);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    SessionObserver.Phase loadStarted() {
        return phase(true);
    }

    SessionObserver.Phase commitStarted() {
        return phase(false);
    }

    private SessionObserver.Phase phase(boolean load) {
        if (observers.isEmpty()) {
            return SessionObserver.Phase.NONE;
        }
        if (observers.size() == 1) {
            SessionObserver.Phase only = start(observers.get(0), load);
            return only == SessionObserver.Phase.NONE ? only : guardedPhase(only);
        }
        List<SessionObserver.Phase> phases = new ArrayList<>(observers.size());
        for (SessionObserver observer : observers) {
            SessionObserver.Phase phase = start(observer, load);
            if (phase != SessionObserver.Phase.NONE) {
                phases.add(phase);
            }
        }
        if (phases.isEmpty()) {
            return SessionObserver.Phase.NONE;
        }
        if (phases.size() == 1) {
            return guardedPhase(phases.get(0));
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

    private SessionObserver.Phase start(SessionObserver observer, boolean load) {
        try {
            SessionObserver.Phase phase = load ? observer.loadStarted(backend) : observer.commitStarted(backend);
            return phase == null ? SessionObserver.Phase.NONE : phase;
        } catch (RuntimeException e) {
            failed(e);
            return SessionObserver.Phase.NONE;
        }
    }

    private static SessionObserver.Phase guardedPhase(SessionObserver.Phase phase) {
        return new SessionObserver.Phase() {
            @Override
            public void failed(Throwable error) {
                guarded(() -> phase.failed(error));
            }

            @Override
            public void close() {
                guarded(phase::close);
            }
        };
    }

    private static void failed(RuntimeException e) {
        LOG.log(Level.WARNING, "A SessionObserver failed; the request goes on without it", e);
    }

    private static void guarded(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failed(e);
        }
    }
}
