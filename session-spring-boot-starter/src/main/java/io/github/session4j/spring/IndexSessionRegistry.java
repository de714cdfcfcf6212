package io.github.session4j.spring;

import io.github.session4j.SessionContext;
import io.github.session4j.SessionInfo;
import io.github.session4j.SessionManager;
import io.github.session4j.SessionPage;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Spring Security's {@link SessionRegistry} over session4j's principal index, so that
 * {@code sessionManagement(s -> s.maximumSessions(n))} counts a user's sessions in the store,
 * across every instance of the application, with {@code maxSessionsPreventsLogin} either way.
 *
 * <ul>
 *   <li>{@link #getAllSessions} lists the user's live sessions from the index. The
 *       {@link SessionInformation#getSessionId()} of each is its session4j handle, never its ID;
 *       {@link SessionInformation#expireNow()} ends that session in the store at once, so its next
 *       request gets a fresh, empty session (no {@code ConcurrentSessionFilter} check is needed).
 *       The session of the request in progress is not listed: Spring Security would compare it by
 *       its ID, which this registry never hands out, so a user who signs in again on the same
 *       session counts it once (the sign-in keeps it), never twice.</li>
 *   <li>{@link #registerNewSession} signs the user in to the request's session (once per request,
 *       with {@link SessionSignInStrategy}); {@link #getSessionInformation},
 *       {@link #refreshLastRequest} and {@link #removeSessionInformation}, which Spring Security
 *       calls with session IDs, do nothing: the store keeps the last use and the end of each session.</li>
 *   <li>{@link #getAllPrincipals} is empty: the index is read by user, never listed whole.</li>
 * </ul>
 */
public final class IndexSessionRegistry implements SessionRegistry {

    private static final int PAGE = 1000;

    private final SessionManager manager;

    /**
     * A registry over a manager that keeps the principal index.
     *
     * @param manager the session manager
     * @throws IllegalArgumentException if the manager keeps no principal index
     */
    public IndexSessionRegistry(SessionManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
        if (!manager.indexesPrincipals()) {
            throw new IllegalArgumentException("IndexSessionRegistry needs a SessionManager that keeps the principal index"
                    + " (the " + manager.backendName() + " backend's does not)");
        }
    }

    /**
     * Always empty: the index is read by user.
     *
     * @return an empty list
     */
    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    /**
     * The user's live sessions, but the one of the request in progress, read from the index
     * (one round trip for the index and one per session, page by page).
     *
     * @param principal the user, as Spring Security gives it (its name is what was signed in)
     * @param includeExpiredSessions ignored: an ended session is gone from the store
     * @return the sessions, named by their handles
     */
    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        String name = SecuritySignIns.name(principal);
        Optional<String> current = SecuritySignIns.currentRequest().flatMap(SecuritySignIns::context)
                .flatMap(IndexSessionRegistry::handle);
        List<SessionInformation> sessions = new ArrayList<>();
        String cursor = null;
        do {
            SessionPage page = manager.sessionsOf(name, cursor, PAGE);
            for (SessionInfo info : page.sessions()) {
                if (current.isEmpty() || !current.get().equals(info.handle())) {
                    sessions.add(new IndexedSessionInformation(manager, principal, name, info));
                }
            }
            cursor = page.next().orElse(null);
        } while (cursor != null);
        return sessions;
    }

    private static Optional<String> handle(SessionContext context) {
        return context.principal().isPresent() ? context.handle() : Optional.empty();
    }

    /**
     * Nothing: Spring Security asks with a session ID, and session4j names sessions by handle
     * (an ended session is already gone from the store, so there is nothing to find).
     *
     * @param sessionId a session ID
     * @return {@code null}
     */
    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    /**
     * Nothing: the store refreshes a session when it is used.
     *
     * @param sessionId a session ID
     */
    @Override
    public void refreshLastRequest(String sessionId) {
        // the store keeps the last use
    }

    /**
     * Signs the user in to the session of the request in progress, as {@link SessionSignInStrategy}
     * does (once per request). Outside a request, nothing.
     *
     * @param sessionId the session's new ID, as Spring Security gives it; not kept
     * @param principal the user
     */
    @Override
    public void registerNewSession(String sessionId, Object principal) {
        SecuritySignIns.currentRequest().ifPresent(request -> SecuritySignIns.signIn(request, SecuritySignIns.name(principal)));
    }

    /**
     * Nothing: signing out and invalidating take a session out of the index.
     *
     * @param sessionId a session ID
     */
    @Override
    public void removeSessionInformation(String sessionId) {
        // the core keeps the index on sign-out and invalidate
    }

    /** One listed session: its ID is its handle; expiring it ends it in the store. */
    static final class IndexedSessionInformation extends SessionInformation {

        private static final long serialVersionUID = 1L;

        private final transient SessionManager manager;
        private final String name;

        IndexedSessionInformation(SessionManager manager, Object principal, String name, SessionInfo info) {
            super(principal, info.handle(), Date.from(info.lastSeen()));
            this.manager = manager;
            this.name = name;
        }

        /** Ends the session in the store at once (its next request gets a fresh, empty session). */
        @Override
        public void expireNow() {
            manager.endSession(name, getSessionId());
            super.expireNow();
        }
    }
}
