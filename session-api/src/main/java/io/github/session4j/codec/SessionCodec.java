package io.github.session4j.codec;

import io.github.session4j.SessionEncodingException;
import java.util.Map;

/**
 * Turns a session's attributes into bytes and back, in a closed world: only the documented value
 * types and explicitly registered {@link ValueType}s are written, and decoding only ever builds
 * those. There is no Java serialization and no class name is ever read from a payload.
 *
 * <p>Documented types and what comes back:
 * <ul>
 *   <li>{@code null}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Short}, {@code Byte},
 *       {@code Double}, {@code Float}, {@code BigInteger}, {@code BigDecimal}, {@code String},
 *       {@code byte[]}, {@code Instant}, {@code UUID}: the same class and an equal value (an
 *       {@code Integer} stays an {@code Integer} and a small {@code Long} stays a {@code Long};
 *       {@code -0.0}, NaN and the infinities survive; a {@code BigDecimal} keeps its scale);</li>
 *   <li>any {@code List}: an {@code ArrayList}; any {@code Map} with {@code String} keys: a
 *       {@code LinkedHashMap} in the original iteration order.</li>
 * </ul>
 * Nothing else widens or narrows: other classes (a {@code Set}, a {@code char}, an array other than
 * {@code byte[]}, a subclass of {@code BigDecimal}) are refused unless registered. A
 * {@code String} must be valid UTF-16 (no unpaired surrogate), and a {@code BigInteger} or
 * {@code BigDecimal} at most 1000 characters long as text.
 *
 * <p>Each {@code List}, {@code Map} and registered value counts one level of nesting; values
 * nested deeper than the codec's depth cap are refused on both encode and decode. Encoded
 * payloads larger than the size cap are refused, and decoding never allocates more than the
 * size of its input allows.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface SessionCodec {

    /**
     * The MessagePack codec: compact binary, the default ({@code SESSION_SERIALIZATION_FORMAT=msgpack}).
     *
     * @param types the registered value types
     * @param maxDepth the nesting cap, at least 1
     * @param maxBytes the payload size cap, at least 1
     * @return the codec
     */
    static SessionCodec msgpack(ValueTypes types, int maxDepth, int maxBytes) {
        return JacksonSessionCodec.msgpack(types, maxDepth, maxBytes);
    }

    /**
     * The JSON codec: readable in a store's own tools ({@code SESSION_SERIALIZATION_FORMAT=json}).
     *
     * @param types the registered value types
     * @param maxDepth the nesting cap, at least 1
     * @param maxBytes the payload size cap, at least 1
     * @return the codec
     */
    static SessionCodec json(ValueTypes types, int maxDepth, int maxBytes) {
        return JacksonSessionCodec.json(types, maxDepth, maxBytes);
    }

    /**
     * The format's name, as {@code SESSION_SERIALIZATION_FORMAT} spells it.
     *
     * @return {@code msgpack} or {@code json}
     */
    String name();

    /**
     * Encodes a session's attributes.
     *
     * @param attributes the attributes, iterated once in their own order
     * @return the payload
     * @throws SessionEncodingException if a value is of an unsupported type, a map has a
     *     non-String key, a value nests too deeply, or the payload is over the size cap; the
     *     message names the key path (such as {@code cart.items[2]}) and the offending type
     */
    byte[] encode(Map<String, Object> attributes);

    /**
     * Decodes a payload that {@link #encode} wrote.
     *
     * @param payload the payload
     * @return the attributes, a mutable {@code LinkedHashMap} in the encoded order
     * @throws UnreadableRecordException if the payload is over the size cap, truncated, nests too
     *     deeply, holds an unregistered value type or is otherwise malformed
     */
    Map<String, Object> decode(byte[] payload);

    /**
     * Checks that a value could be stored under a key, as {@code Session.put} does: its type, every
     * nested type and its depth. The size cap applies to the whole session and is checked only
     * when it is encoded.
     *
     * @param key the attribute key
     * @param value the value
     * @throws SessionEncodingException as {@link #encode} would for this value
     */
    void check(String key, Object value);
}
