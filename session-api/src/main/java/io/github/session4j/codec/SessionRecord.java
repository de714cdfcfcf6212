package io.github.session4j.codec;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a stored record holds: the session's creation time, whether it is permanent, its
 * attributes, and its extension values. The attributes map is not copied: it is iterated once by
 * {@link RecordFormat#write}, and a decoded record's map is a fresh, mutable {@code LinkedHashMap}.
 *
 * @param createdAt when the session was created (kept across {@code regenerate()}), for the
 *     absolute lifetime; stored to the nanosecond
 * @param permanent whether the session has a persistent cookie
 * @param attributes the session's attributes
 * @param extensions the principal, sign-in time and idle timeout, each optional;
 *     {@link RecordExtensions#none()} for a record that has none
 */
public record SessionRecord(Instant createdAt, boolean permanent, Map<String, Object> attributes,
        RecordExtensions extensions) {

    /**
     * Creates a record.
     *
     * @param createdAt see the class description
     * @param permanent see the class description
     * @param attributes see the class description
     * @param extensions see the class description
     * @throws NullPointerException if {@code createdAt}, {@code attributes} or {@code extensions} is null
     */
    public SessionRecord {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(extensions, "extensions");
    }

    /**
     * Creates a record without extension values.
     *
     * @param createdAt see the class description
     * @param permanent see the class description
     * @param attributes see the class description
     * @throws NullPointerException if {@code createdAt} or {@code attributes} is null
     */
    public SessionRecord(Instant createdAt, boolean permanent, Map<String, Object> attributes) {
        this(createdAt, permanent, attributes, RecordExtensions.none());
    }

    /**
     * The same record with other attributes: same creation time, permanence and extensions.
     *
     * @param attributes the attributes
     * @return the record with them
     */
    public SessionRecord withAttributes(Map<String, Object> attributes) {
        return new SessionRecord(createdAt, permanent, attributes, extensions);
    }

    /** Names the keys only: values may be secrets. */
    @Override
    public String toString() {
        return "SessionRecord[createdAt=" + createdAt + ", permanent=" + permanent + ", keys=" + attributes.keySet()
                + (extensions.isEmpty() ? "" : ", " + extensions) + "]";
    }
}
