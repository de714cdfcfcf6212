package io.github.session4j;

import io.github.session4j.codec.RecordExtensions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link SessionBinding} for tests: loads a fixed state, counts its loads, records every
 * {@code checkValue} call and rejects values of type {@link Rejected}.
 */
final class SessionTestBinding implements SessionBinding {

    /** A value type the binding refuses, standing for anything the codec cannot store. */
    record Rejected(String why) {}

    /** The idle timeout of a session without one of its own, as PERMANENT_SESSION_LIFETIME would give it. */
    static final java.time.Duration DEFAULT_IDLE_TIMEOUT = java.time.Duration.ofDays(31);

    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    private final LoadState state;
    int loads;
    final List<String> checked = new ArrayList<>();

    SessionTestBinding(LoadState state) {
        this.state = state;
    }

    /** A binding whose session is new and empty. */
    static SessionTestBinding fresh() {
        return new SessionTestBinding(LoadState.fresh(CREATED, false));
    }

    /** A binding whose session was stored with this content. */
    static SessionTestBinding stored(Map<String, Object> content) {
        return new SessionTestBinding(storedState(content, false, CREATED, false));
    }

    /** The load state of a stored session with this content, as a load would make it. */
    static LoadState storedState(Map<String, Object> content, boolean permanent, Instant createdAt, boolean sharesValues) {
        return new LoadState("the-id", "session:the-key", 1, RecordBytes.of(new byte[] {1}), null, false, null,
                createdAt, permanent, RecordExtensions.none(), content, sharesValues);
    }

    Session session() {
        return new Session(this);
    }

    @Override
    public LoadState load() {
        loads++;
        return state;
    }

    @Override
    public java.time.Duration defaultIdleTimeout() {
        return DEFAULT_IDLE_TIMEOUT;
    }

    @Override
    public void checkValue(String key, Object value) {
        checked.add(key);
        if (value instanceof Rejected r) {
            throw new SessionEncodingException("session key \"" + key + "\": " + r.why());
        }
    }
}
