package io.github.session4j.codec;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a stored record holds: the session's creation time, whether it is permanent, and its
 * attributes. The attributes map is not copied: it is iterated once by
 * {@link RecordFormat#write}, and a decoded record's map is a fresh, mutable {@code LinkedHashMap}.
 *
 * @param createdAt when the session was created (kept across {@code regenerate()}), for the
 *     absolute lifetime; stored to the nanosecond
 * @param permanent whether the session has a persistent cookie
 * @param attributes the session's attributes
 */
public record SessionRecord(Instant createdAt, boolean permanent, Map<String, Object> attributes) {

    /**
     * Creates a record.
     *
     * @param createdAt when the session was created
     * @param permanent whether the session has a persistent cookie
     * @param attributes the session's attributes, not copied
     * @throws NullPointerException if {@code createdAt} or {@code attributes} is null
     */
    public SessionRecord {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** Names the keys only: values may be secrets. */
    @Override
    public String toString() {
        return "SessionRecord[createdAt=" + createdAt + ", permanent=" + permanent + ", keys=" + attributes.keySet() + "]";
    }
}
