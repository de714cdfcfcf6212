package io.github.session4j.webflux;

import io.github.session4j.Session;
import io.github.session4j.async.AsyncSessionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * A loaded {@link Session} as Spring's {@link WebSession}. Nothing here does I/O: the session was
 * loaded before this object was made, and it is saved when the response is committed.
 */
final class StoreWebSession implements WebSession {

    private final AsyncSessionContext context;
    private final Session session;
    private final Instant accessed;
    private volatile boolean started;

    StoreWebSession(AsyncSessionContext context, Session session, Instant accessed) {
        this.context = context;
        this.session = session;
        this.accessed = accessed;
    }

    /** The request's context, for the sign-in operations. */
    AsyncSessionContext context() {
        return context;
    }

    @Override
    public String getId() {
        return context.sessionId();
    }

    /** The session itself: every change is tracked, so the commit saves exactly what changed. */
    @Override
    public Map<String, Object> getAttributes() {
        return session;
    }

    /** Marks the session started; as everywhere in session4j, a new session that stays empty is not stored. */
    @Override
    public void start() {
        started = true;
    }

    @Override
    public boolean isStarted() {
        return started || !session.isNew() || !session.isEmpty();
    }

    /** The session is saved when the response is committed, so this does nothing now. */
    @Override
    public Mono<Void> save() {
        return Mono.empty();
    }

    /** Moves the session to a new ID when the response is committed, killing the old one (anti-fixation). */
    @Override
    public Mono<Void> changeSessionId() {
        return Mono.fromRunnable(session::regenerate);
    }

    /** Ends the session: it is deleted, and the cookie expired, when the response is committed. */
    @Override
    public Mono<Void> invalidate() {
        return Mono.fromRunnable(session::invalidate);
    }

    /** Always false: an expired session is never loaded, the request gets a new one instead. */
    @Override
    public boolean isExpired() {
        return false;
    }

    @Override
    public Instant getCreationTime() {
        return session.creationTime();
    }

    /** This request's time: using the session is what pushes its expiry forward. */
    @Override
    public Instant getLastAccessTime() {
        return accessed;
    }

    /** Sets this session's own idle timeout; a negative one (Spring's "never") is {@link Session#MAX_IDLE_TIMEOUT}. */
    @Override
    public void setMaxIdleTime(Duration maxIdleTime) {
        session.setIdleTimeout(maxIdleTime.isNegative() ? Session.MAX_IDLE_TIMEOUT : maxIdleTime);
    }

    @Override
    public Duration getMaxIdleTime() {
        return session.idleTimeout();
    }
}
