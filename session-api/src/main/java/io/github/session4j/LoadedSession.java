package io.github.session4j;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state a {@link SessionBinding} hands to a {@link Session} when it is first used.
 *
 * @param attributes the stored content (copied; values may be {@code null}, keys may not); empty
 *     for a new session
 * @param isNew whether no stored session backs this one yet
 * @param permanent whether the session outlives the browser session (a cookie with Max-Age)
 * @param createdAt when the session was first created; for a new session, when it was loaded
 * @param sharesValues true when the byte arrays, lists and maps among the values belong to the
 *     record cache: the session gives the application a copy of each, made when first reached
 */
record LoadedSession(Map<String, Object> attributes, boolean isNew, boolean permanent, Instant createdAt,
        boolean sharesValues) {

    /**
     * Copies the attributes and checks the arguments.
     *
     * @throws NullPointerException if {@code attributes} or {@code createdAt} is {@code null}, or
     *     if {@code attributes} holds a {@code null} key
     */
    LoadedSession {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(createdAt, "createdAt");
        Map<String, Object> copy = new LinkedHashMap<>(attributes);
        if (copy.containsKey(null)) {
            throw new NullPointerException("a loaded session cannot hold a null key");
        }
        attributes = Collections.unmodifiableMap(copy);
    }

    /** State whose values are the session's own. */
    LoadedSession(Map<String, Object> attributes, boolean isNew, boolean permanent, Instant createdAt) {
        this(attributes, isNew, permanent, createdAt, false);
    }
}
