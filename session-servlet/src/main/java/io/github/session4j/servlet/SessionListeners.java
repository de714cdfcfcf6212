package io.github.session4j.servlet;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.lang.System.Logger.Level;
import java.util.EventListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The session listeners of one {@link SessionFilter}, and the firing of their events. A listener
 * that throws is logged and skipped: the others still run, and the operation that fired the event
 * (an invalidation above all) still happens.
 */
final class SessionListeners {

    private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

    private final List<HttpSessionListener> lifecycle = new CopyOnWriteArrayList<>();
    private final List<HttpSessionAttributeListener> attributes = new CopyOnWriteArrayList<>();
    private final List<HttpSessionIdListener> ids = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener to every list whose interface it implements.
     *
     * @throws IllegalArgumentException if it implements none of the three session listener types
     */
    void add(EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        boolean known = false;
        if (listener instanceof HttpSessionListener l) {
            lifecycle.add(l);
            known = true;
        }
        if (listener instanceof HttpSessionAttributeListener l) {
            attributes.add(l);
            known = true;
        }
        if (listener instanceof HttpSessionIdListener l) {
            ids.add(l);
            known = true;
        }
        if (!known) {
            throw new IllegalArgumentException(listener.getClass().getName() + " implements none of HttpSessionListener, "
                    + "HttpSessionAttributeListener, HttpSessionIdListener, so it would never be called");
        }
    }

    void created(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        fire(lifecycle, "sessionCreated", l -> l.sessionCreated(event));
    }

    void destroyed(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        fire(lifecycle, "sessionDestroyed", l -> l.sessionDestroyed(event));
    }

    void added(HttpSession session, String name, Object value) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        fire(attributes, "attributeAdded", l -> l.attributeAdded(event));
    }

    void replaced(HttpSession session, String name, Object oldValue) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        fire(attributes, "attributeReplaced", l -> l.attributeReplaced(event));
    }

    void removed(HttpSession session, String name, Object oldValue) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        fire(attributes, "attributeRemoved", l -> l.attributeRemoved(event));
    }

    void idChanged(HttpSession session, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        fire(ids, "sessionIdChanged", l -> l.sessionIdChanged(event, oldId));
    }

    private static <T> void fire(List<T> listeners, String event, Consumer<T> call) {
        for (T listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Session listener " + listener.getClass().getName() + " threw in " + event
                        + "; ignored, the session operation goes on", e);
            }
        }
    }
}
