package io.github.session4j;

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

    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    private final LoadedSession state;
    int loads;
    final List<String> checked = new ArrayList<>();

    SessionTestBinding(LoadedSession state) {
        this.state = state;
    }

    /** A binding whose session is new and empty. */
    static SessionTestBinding fresh() {
        return new SessionTestBinding(new LoadedSession(Map.of(), true, false, CREATED));
    }

    /** A binding whose session was stored with this content. */
    static SessionTestBinding stored(Map<String, Object> content) {
        return new SessionTestBinding(new LoadedSession(content, false, false, CREATED));
    }

    Session session() {
        return new Session(this);
    }

    @Override
    public LoadedSession load() {
        loads++;
        return state;
    }

    @Override
    public void checkValue(String key, Object value) {
        checked.add(key);
        if (value instanceof Rejected r) {
            throw new SessionEncodingException("session key \"" + key + "\": " + r.why());
        }
    }
}
