package io.github.session4j.servlet;

import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * The request as the application sees it: {@code getSession()}, {@code changeSessionId()} and the
 * requested-ID queries are answered from the session store instead of the container.
 *
 * <p>The requested session ID is never echoed unchecked: {@link #getRequestedSessionId()} is the
 * client's ID only when it named a live session, and {@code null} for a missing, malformed,
 * unknown or expired one (the servlet spec would return those too; session4j does not hand
 * unvalidated client input back to the application). Asking loads the session (one store read).
 */
final class SessionRequest extends HttpServletRequestWrapper {

    private final SessionContext context;
    private final SessionResponse response;
    private final SessionFilter filter;
    private final SessionRequest origin;
    private StoreHttpSession current;
    private Instant accessedAt;
    private boolean requestedKnown;
    private String requestedId;

    /**
     * Wraps a request for one pass through the filter.
     *
     * @param origin the first pass's wrapper when this is a later dispatch (an error page, an async
     *     dispatch): what the client asked for is its answer; {@code null} for the first pass
     */
    SessionRequest(HttpServletRequest request, SessionContext context, SessionResponse response, SessionFilter filter,
            SessionRequest origin) {
        super(request);
        this.context = context;
        this.response = response;
        this.filter = filter;
        this.origin = origin;
    }

    SessionContext context() {
        return context;
    }

    SessionResponse response() {
        return response;
    }

    SessionFilter filter() {
        return filter;
    }

    SessionListeners listeners() {
        return filter.listeners();
    }

    /** When this request first used the session. */
    Instant accessedAt() {
        return accessedAt;
    }

    /** Called by an {@link StoreHttpSession} when it was invalidated, so that a new one can start. */
    void invalidated(StoreHttpSession session) {
        if (current == session) {
            current = null;
        }
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    /**
     * The store-backed session. Loads it on the first call (one store read when the request
     * carries a session cookie, none otherwise).
     *
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached; the
     *     filter answers 503 when it reaches it
     * @throws IllegalStateException when a new session is asked for after the session was saved
     *     (the response was committed): its cookie could not be sent any more
     */
    @Override
    public HttpSession getSession(boolean create) {
        if (current != null && current.isValid()) {
            return current;
        }
        Session session = context.session();
        rememberRequestedId(session);
        if (!session.isNew() || !session.isEmpty()) {
            current = new StoreHttpSession(this, session);
            return current;
        }
        if (!create) {
            return null;
        }
        if (!response.sessionPending()) {
            throw new IllegalStateException("Cannot create a session after the response was committed: "
                    + "its cookie could not be sent any more. Call request.getSession() before writing the response.");
        }
        current = new StoreHttpSession(this, session);
        listeners().created(current);
        return current;
    }

    /**
     * Gives the session a new ID, keeping its data (call it at sign-in, against session fixation).
     * The old ID stops working when the session is committed. A session created in this request
     * has not been sent to the client yet and keeps its fresh ID.
     *
     * <p>With {@code SESSION_PRINCIPAL_KEY} set (such as {@code user}) and that attribute on the
     * session, this is a sign-in ({@link SessionContext#signIn}) as the attribute's value (a
     * {@link Principal}'s name, or the value's string form): the new ID, the principal recorded
     * and indexed, and, when the session held another principal, its other attributes dropped
     * (so set them after this call).
     *
     * @throws IllegalStateException if the request has no session
     * @throws IllegalArgumentException if the principal attribute's value cannot be signed in (empty,
     *     control characters, over 1024 bytes)
     */
    @Override
    public String changeSessionId() {
        HttpSession session = getSession(false);
        if (session == null) {
            throw new IllegalStateException("changeSessionId() needs a session, and this request has none: "
                    + "call request.getSession() first");
        }
        String oldId = session.getId();
        Optional<String> principal = principalAttribute().map(session::getAttribute).map(SessionRequest::principalOf);
        if (principal.isPresent()) {
            signIn(session, principalAttribute().get(), principal.get());
        } else {
            context.session().regenerate();
        }
        String newId = session.getId();
        if (!newId.equals(oldId)) {
            listeners().idChanged(session, oldId);
        }
        return newId;
    }

    /** {@code SESSION_PRINCIPAL_KEY}: the attribute whose value {@link #changeSessionId()} signs in, if set. */
    Optional<String> principalAttribute() {
        return filter.manager().settings().principalKey();
    }

    /** The principal an attribute's value names: a {@link Principal}'s name, or the value's string form. */
    private static String principalOf(Object value) {
        return value instanceof Principal p ? p.getName() : value.toString();
    }

    /**
     * Signs {@code principal} in, as {@link SessionContext#signIn}: signing in as another principal
     * than the session held drops its data, so the principal's attribute is put back after.
     */
    private void signIn(HttpSession session, String attribute, String principal) {
        Object value = session.getAttribute(attribute);
        context.signIn(principal);
        if (!context.session().containsKey(attribute)) {
            context.session().put(attribute, value);
        }
    }

    @Override
    public String getRequestedSessionId() {
        rememberRequestedId(context.session());
        return requestedId;
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        String requested = getRequestedSessionId();
        return requested != null && requested.equals(context.sessionId());
    }

    /** The ID comes from the session cookie or, when {@code SESSION_ID_HEADER} is set, from that header. */
    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return getRequestedSessionId() != null;
    }

    /** Always {@code false}: session4j never takes session IDs from URLs. */
    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    /** Starts async processing with this request and the session-aware response, so that async output is held back too. */
    @Override
    public AsyncContext startAsync() {
        return super.startAsync(this, response);
    }

    private void rememberRequestedId(Session session) {
        if (!requestedKnown) {
            boolean stored = !session.isNew();
            accessedAt = Instant.now(filter.manager().clock());
            requestedKnown = true;
            if (origin != null) {
                requestedId = origin.getRequestedSessionId();
            } else {
                requestedId = stored ? context.sessionId() : null;
            }
        }
    }
}
