package io.github.session4j.spring;

import io.github.session4j.SessionInfo;
import io.github.session4j.SessionManager;
import io.github.session4j.SessionPage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Actuator's {@code sessions} endpoint over session4j's principal index, like Spring Session's:
 * <ul>
 *   <li>{@code GET /actuator/sessions?username=ada} lists ada's live sessions (at most
 *       {@value #PAGE} a page; {@code &cursor=} the answer's {@code next} for the next page), each
 *       named by its handle, never by its ID;</li>
 *   <li>{@code DELETE /actuator/sessions/{handle}?username=ada} ends one of them at once: 204, or
 *       404 when the handle names no live session of that user (a handle works only with its own
 *       user).</li>
 * </ul>
 * Off unless exposed ({@code management.endpoints.web.exposure.include=sessions}); secure it as
 * every endpoint that can end a user's session.
 */
@Endpoint(id = "sessions")
public final class Session4jSessionsEndpoint {

    /** The most sessions on a page of the answer. */
    static final int PAGE = 100;

    private final SessionManager manager;

    /**
     * The endpoint over a manager that keeps the principal index.
     *
     * @param manager the session manager
     */
    public Session4jSessionsEndpoint(SessionManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * A page of a user's live sessions.
     *
     * @param username the user's name
     * @param cursor the previous answer's {@code next}, or null for the first page
     * @return 200 with the sessions, or 400 when the name or the cursor is not acceptable
     */
    @ReadOperation
    public WebEndpointResponse<Object> sessionsByUsername(String username, @Nullable String cursor) {
        SessionPage page;
        try {
            page = manager.sessionsOf(username, cursor, PAGE);
        } catch (IllegalArgumentException e) {
            return new WebEndpointResponse<>(new Problem(e.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        List<SessionDescriptor> sessions = page.sessions().stream().map(SessionDescriptor::of).toList();
        return new WebEndpointResponse<>(new SessionsDescriptor(sessions, page.next().orElse(null)));
    }

    /**
     * Ends one of a user's sessions at once.
     *
     * @param handle the session's handle, as listed for this user
     * @param username the user's name
     * @return 204 when it was ended, 404 when the handle names no live session of this user
     */
    @DeleteOperation
    public WebEndpointResponse<Object> deleteSession(@Selector String handle, String username) {
        try {
            return new WebEndpointResponse<>(manager.endSession(username, handle)
                    ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
        } catch (IllegalArgumentException e) {
            return new WebEndpointResponse<>(new Problem(e.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

    /**
     * A page of sessions.
     *
     * @param sessions the sessions
     * @param next the cursor of the next page, or null on the last
     */
    public record SessionsDescriptor(List<SessionDescriptor> sessions, String next) {
    }

    /**
     * One session, as {@link SessionInfo} describes it; times in ISO-8601.
     *
     * @param handle the opaque handle (not the ID, not usable as a cookie)
     * @param createdAt when the session was created
     * @param signedInAt when the user signed in to it, or null
     * @param lastSeen when a request last refreshed it, to within the refresh interval
     * @param expiresAt when it expires unless used again
     * @param label the application's label, such as a device name, or null
     */
    public record SessionDescriptor(String handle, String createdAt, String signedInAt, String lastSeen, String expiresAt,
                                    String label) {

        static SessionDescriptor of(SessionInfo info) {
            return new SessionDescriptor(info.handle(), text(info.createdAt()), info.signedInAt().map(Instant::toString)
                    .orElse(null), text(info.lastSeen()), text(info.expiresAt()), info.label().orElse(null));
        }

        private static String text(Instant instant) {
            return instant.toString();
        }
    }

    /**
     * Why a request was refused.
     *
     * @param error the reason, which never holds the user's name
     */
    public record Problem(String error) {
    }
}
