package io.github.session4j.servlet;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** A listener that fails on every event, to show that it stops nothing. */
final class ThrowingListener implements HttpSessionListener, HttpSessionAttributeListener {

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        throw new IllegalStateException("listener failure on create");
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        throw new IllegalStateException("listener failure on destroy");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        throw new IllegalStateException("listener failure on add");
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        throw new IllegalStateException("listener failure on remove");
    }
}
