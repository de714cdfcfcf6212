package io.github.session4j.memcached;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.util.function.Consumer;

/** One user agent: keeps the session cookie between requests, as a browser does. */
final class Browser {

    private final SessionManager manager;
    private String sessionId;

    Browser(SessionManager manager) {
        this.manager = manager;
    }

    /**
     * One request that runs {@code handler} on the session and commits.
     *
     * @param handler what the application does with the session
     */
    void request(Consumer<Session> handler) {
        SessionContext context = manager.begin(sessionId == null ? RequestHeaders.none()
                : RequestHeaders.cookie("session=" + sessionId));
        Session session = context.session();
        handler.accept(session);
        CommitResult result = context.commit();
        result.header("Set-Cookie").ifPresent(cookie -> {
            String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            sessionId = value.isEmpty() ? null : value;
        });
    }

    /**
     * A request that counts its visits in the session.
     *
     * @return the number of visits this session has seen, this one included
     */
    long visit() {
        long[] visits = new long[1];
        request(session -> {
            visits[0] = session.get("visits") instanceof Number n ? n.longValue() + 1 : 1;
            session.put("visits", visits[0]);
        });
        return visits[0];
    }

    /**
     * The store key of the current session.
     *
     * @return the key, or {@code null} before the first session
     */
    String storeKey() {
        return sessionId == null ? null : manager.storeKey(sessionId);
    }

    String sessionId() {
        return sessionId;
    }
}
