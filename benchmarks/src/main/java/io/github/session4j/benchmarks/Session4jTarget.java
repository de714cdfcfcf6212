package io.github.session4j.benchmarks;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.util.Map;

/**
 * session4j through {@link SessionManager}, exactly as an adapter drives it: {@code begin} with the
 * request's cookie, use the session, {@code commit}.
 */
final class Session4jTarget implements SessionTarget {

    private final SessionManager manager;
    private final byte[] payload;

    /**
     * Creates the manager for one backend.
     *
     * @param settings the backend's settings ({@code SESSION_TYPE} and its keys)
     * @param size the size of {@code data}
     */
    Session4jTarget(Map<String, String> settings, int size) {
        SessionConfig config = SessionConfig.builder()
                .put("PERMANENT_SESSION_LIFETIME", "1d")
                .putAll(settings)
                .build();
        this.manager = SessionManager.create(config);
        this.payload = Payload.of(size);
    }

    /**
     * The manager, for the round-trip and scale checks.
     *
     * @return the manager
     */
    SessionManager manager() {
        return manager;
    }

    @Override
    public String newSession() {
        SessionContext context = manager.begin(RequestHeaders.none());
        context.session().put("data", payload);
        context.session().put("counter", 0L);
        CommitResult result = context.commit();
        String setCookie = result.header("Set-Cookie")
                .orElseThrow(() -> new IllegalStateException("a new session's commit sent no Set-Cookie: " + result));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Override
    public int read(String handle) {
        SessionContext context = manager.begin(RequestHeaders.cookie(handle));
        byte[] data = (byte[]) context.session().get("data");
        context.commit();
        return data.length;
    }

    @Override
    public long modify(String handle) {
        SessionContext context = manager.begin(RequestHeaders.cookie(handle));
        Session session = context.session();
        long counter = ((Number) session.get("counter")).longValue() + 1;
        session.put("counter", counter);
        context.commit();
        return counter;
    }

    @Override
    public void close() {
        manager.close();
    }
}
