package io.github.session4j.servlet;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every session event as a line such as {@code added color=blue}. */
public final class RecordingListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {

    /** What listeners made from class names (init-parameter) recorded; cleared by each test. */
    static final List<String> BY_CLASS_NAME = new CopyOnWriteArrayList<>();

    private final List<String> events;

    /** The constructor the filter uses for a listener named in its init-parameter. */
    public RecordingListener() {
        this(BY_CLASS_NAME);
    }

    RecordingListener(List<String> events) {
        this.events = events;
    }

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        events.add("created new=" + se.getSession().isNew());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        events.add("destroyed color=" + se.getSession().getAttribute("color"));
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        events.add("added " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        events.add("removed " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        events.add("replaced " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        events.add("id changed " + !oldSessionId.equals(event.getSession().getId()));
    }
}
