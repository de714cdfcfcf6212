package io.github.session4j.servlet;

import io.github.session4j.Session;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;

/**
 * An {@link HttpSession} over the request's {@link Session}: attributes are the session's entries,
 * and every change is saved to the store when the request's session is committed.
 *
 * <p>Differences from a container's own sessions, all forced by a shared store:
 * <ul>
 *   <li>Values must be of the types the codec stores (null, boolean, numbers, String, byte[],
 *       List, Map, Instant, UUID, or registered value types); {@code setAttribute} with anything
 *       else throws {@link io.github.session4j.SessionEncodingException} and changes nothing.
 *       {@code HttpSessionBindingListener} and {@code HttpSessionActivationListener} values are
 *       therefore never notified.</li>
 *   <li>{@link #getLastAccessedTime()} is when this request first used the session: the store
 *       keeps no access time (writing one on every read would double the cost of a read).</li>
 *   <li>{@link #setMaxInactiveInterval} sets this session's own idle timeout, kept in its record;
 *       "never" (zero or negative) is the longest timeout session4j has, 100 years.</li>
 *   <li>Changes are saved before the response is committed; after that (or after an async
 *       request's first dispatch returned) changing the session throws
 *       {@link IllegalStateException}.</li>
 *   <li>With {@code SESSION_PRINCIPAL_KEY} set, {@code changeSessionId()} with that attribute on
 *       the session signs its value in ({@link io.github.session4j.SessionContext#signIn}), and
 *       removing the attribute from a signed-in session signs out (invalidates it).</li>
 * </ul>
 */
final class StoreHttpSession implements HttpSession {

    private final SessionRequest request;
    private final Session session;
    private boolean valid = true;

    StoreHttpSession(SessionRequest request, Session session) {
        this.request = request;
        this.session = session;
    }

    /** Whether {@link #invalidate()} has not been called on this object. */
    boolean isValid() {
        return valid;
    }

    @Override
    public long getCreationTime() {
        checkValid();
        return session.creationTime().toEpochMilli();
    }

    /**
     * The session ID: for a session created or regenerated in this request, the ID it will be saved
     * under. It is a secret of the client's: never log it.
     */
    @Override
    public String getId() {
        return request.context().sessionId();
    }

    @Override
    public long getLastAccessedTime() {
        checkValid();
        return request.accessedAt().toEpochMilli();
    }

    @Override
    public ServletContext getServletContext() {
        return request.getServletContext();
    }

    /**
     * Gives this session an idle timeout of its own ({@link Session#setIdleTimeout}): kept in the
     * stored record, applied to the store's TTL, the cookie's {@code Max-Age} and every later
     * request. Zero or negative means "never" in the Servlet API; session4j has no session without
     * an end, so that is {@link Session#MAX_IDLE_TIMEOUT} (100 years). {@code SESSION_ABSOLUTE_LIFETIME}
     * still ends the session when it is set.
     *
     * @throws IllegalStateException if the session was invalidated or already saved
     */
    @Override
    public void setMaxInactiveInterval(int interval) {
        checkChangeable();
        session.setIdleTimeout(interval <= 0 ? Session.MAX_IDLE_TIMEOUT : Duration.ofSeconds(interval));
    }

    /**
     * This session's idle timeout in seconds: its own if one was set, else
     * {@code PERMANENT_SESSION_LIFETIME}; {@code -1} ("never", as the Servlet API says it) when it
     * is {@link Session#MAX_IDLE_TIMEOUT}, and at most {@link Integer#MAX_VALUE}.
     */
    @Override
    public int getMaxInactiveInterval() {
        Duration timeout = session.idleTimeout();
        if (timeout.compareTo(Session.MAX_IDLE_TIMEOUT) >= 0) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds());
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return session.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(new ArrayList<>(session.keySet()));
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        checkChangeable();
        boolean replacing = session.containsKey(name);
        Object old = session.put(name, value);
        if (replacing) {
            request.listeners().replaced(this, name, old);
        } else {
            request.listeners().added(this, name, value);
        }
    }

    /**
     * Removes an attribute. Removing one the session does not hold changes nothing, so it is
     * allowed also after the session was saved (Spring Security clears its authentication
     * attributes after the sign-in redirect).
     *
     * <p>Removing {@code SESSION_PRINCIPAL_KEY}'s attribute from a signed-in session signs out:
     * the session is then invalidated, as by {@link #invalidate()}.
     *
     * @throws IllegalStateException if the session was invalidated, or if the attribute is there
     *     and the session was already saved
     */
    @Override
    public void removeAttribute(String name) {
        checkValid();
        if (session.containsKey(name)) {
            checkChangeable();
            Object old = session.remove(name);
            request.listeners().removed(this, name, old);
            if (signsOut(name)) {
                invalidate();
            }
        }
    }

    /**
     * Whether removing {@code name} signs out: it is {@code SESSION_PRINCIPAL_KEY}'s attribute and
     * someone is signed in to the session.
     */
    private boolean signsOut(String name) {
        return request.principalAttribute().filter(name::equals).isPresent() && request.context().principal().isPresent();
    }

    /**
     * Ends the session, and so signs out of a signed-in one (it leaves the principal index): listeners hear {@code sessionDestroyed} while the attributes are still
     * there, then {@code attributeRemoved} for each; a listener that throws is logged and the
     * invalidation goes on. The stored session is deleted when the request's session is committed.
     */
    @Override
    public void invalidate() {
        checkChangeable();
        SessionListeners listeners = request.listeners();
        listeners.destroyed(this);
        for (String name : new ArrayList<>(session.keySet())) {
            listeners.removed(this, name, session.get(name));
        }
        session.invalidate();
        valid = false;
        request.invalidated(this);
    }

    @Override
    public boolean isNew() {
        checkValid();
        return session.isNew();
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("This HttpSession was invalidated; call request.getSession() for a new one");
        }
    }

    private void checkChangeable() {
        checkValid();
        if (!request.response().sessionPending()) {
            throw new IllegalStateException("The session of this request was already saved (the response was committed, "
                    + "or an async request's first dispatch returned), so this change could not be stored: "
                    + "change the session before writing the response");
        }
    }
}
