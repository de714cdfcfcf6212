package io.github.session4j.flask;

import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.UnreadableRecordException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The value Flask-Session 0.8 stores for a session: the session as a plain map, in msgspec's
 * msgpack (default) or JSON, with Flask's own key {@code _permanent}. No envelope, no MAC, no
 * creation time.
 *
 * <p>Value mapping, Java to the record and back to Java:
 * <table>
 *   <caption>What each Java value becomes</caption>
 *   <tr><th>put</th><th>msgpack</th><th>read back (msgpack)</th><th>JSON</th><th>read back (JSON)</th></tr>
 *   <tr><td>null</td><td>nil</td><td>null</td><td>null</td><td>null</td></tr>
 *   <tr><td>Boolean</td><td>bool</td><td>Boolean</td><td>true/false</td><td>Boolean</td></tr>
 *   <tr><td>Integer, Long</td><td>smallest int</td><td>Integer when it fits 32 bits, else Long</td><td>number</td><td>the same</td></tr>
 *   <tr><td>Double (finite)</td><td>float 64</td><td>Double</td><td>number (Python's repr)</td><td>Double</td></tr>
 *   <tr><td>String</td><td>str</td><td>String</td><td>string</td><td>String</td></tr>
 *   <tr><td>byte[]</td><td>bin</td><td>byte[]</td><td>base64 string</td><td>String</td></tr>
 *   <tr><td>List</td><td>array</td><td>ArrayList</td><td>array</td><td>ArrayList</td></tr>
 *   <tr><td>Map with String keys</td><td>map</td><td>LinkedHashMap</td><td>object</td><td>LinkedHashMap</td></tr>
 *   <tr><td>Instant (whole microseconds)</td><td>timestamp extension (-1)</td><td>Instant</td><td>RFC 3339 string, {@code Z}</td><td>String</td></tr>
 *   <tr><td>UUID</td><td>str</td><td>String</td><td>string</td><td>String</td></tr>
 *   <tr><td>BigDecimal</td><td>str</td><td>String</td><td>string</td><td>String</td></tr>
 * </table>
 * Anything else (other numbers, sets, registered value types, a NaN or infinite double, an
 * Instant with nanoseconds Python's datetime cannot hold, a map with a key that is not a String)
 * is refused at {@code put}, with a message that says Flask cannot hold it. The key
 * {@code _permanent} is Flask's: the session's permanence, never an attribute; the key
 * {@code _session4j} ({@link #EXTENSIONS_KEY}) is the core's: a signed-in principal, its sign-in
 * time and a session's own idle timeout, when the session has them.
 *
 * <p>Reading tries the configured format, then the other one, as Flask-Session does; it never
 * unpickles. A record that is neither (a pickle, anything else) is refused with an
 * {@link UnreadableRecordException}. Instances are immutable and thread-safe.
 */
public final class FlaskRecordCodec {

    /** Flask's key for the session's permanence. */
    public static final String PERMANENT_KEY = "_permanent";

    /**
     * The key that carries what the core keeps beside the attributes (a signed-in principal, the
     * sign-in time, a session's own idle timeout), as a map {@code {"principal": String,
     * "signed_in_at": timestamp, "idle_timeout": seconds}} of the keys present; a Flask app sees it
     * as one more session key and keeps it when it rewrites the session.
     */
    public static final String EXTENSIONS_KEY = "_session4j";

    private final boolean json;
    private final int maxDepth;
    private final long maxSize;

    /**
     * A codec.
     *
     * @param format {@code msgpack} or {@code json} ({@code SESSION_SERIALIZATION_FORMAT})
     * @param maxDepth the nesting cap ({@code SESSION_MAX_DEPTH})
     * @param maxSize the cap on a record in bytes ({@code SESSION_MAX_SIZE})
     */
    public FlaskRecordCodec(String format, int maxDepth, long maxSize) {
        this.json = "json".equals(format);
        this.maxDepth = maxDepth;
        this.maxSize = maxSize;
    }

    /**
     * Checks that Flask can hold {@code value} under {@code key}, as {@code Session.put} does.
     *
     * @param key the attribute key
     * @param value the value
     * @throws SessionEncodingException when it cannot, naming the key path and the type
     */
    public void check(String key, Object value) {
        if (PERMANENT_KEY.equals(key)) {
            throw new SessionEncodingException("the key " + PERMANENT_KEY + " is Flask's own (the session's permanence) in"
                    + " SESSION_RECORD_FORMAT=flask-session: use Session.setPermanent instead");
        }
        if (EXTENSIONS_KEY.equals(key)) {
            throw new SessionEncodingException("the key " + EXTENSIONS_KEY + " is session4j's own in"
                    + " SESSION_RECORD_FORMAT=flask-session (the principal, sign-in time and idle timeout): use another key");
        }
        checkValue(key, value, 1);
    }

    private void checkValue(String path, Object value, int depth) {
        if (depth > maxDepth) {
            throw refused(path, "nests deeper than SESSION_MAX_DEPTH=" + maxDepth);
        }
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof String || value instanceof byte[] || value instanceof UUID || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw refused(path, "is " + d + ", which Flask's JSON cannot hold");
            }
            return;
        }
        if (value instanceof Instant i) {
            if (i.getNano() % 1000 != 0) {
                throw refused(path, "is an Instant with nanoseconds (" + i + "), which Python's datetime cannot hold:"
                        + " truncate it to microseconds");
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int n = 0; n < list.size(); n++) {
                checkValue(path + "[" + n + "]", list.get(n), depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw refused(path, "is a map with a key of type "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + "; Flask's record holds String keys only");
                }
                checkValue(path + "." + k, e.getValue(), depth + 1);
            }
            return;
        }
        throw refused(path, "is a " + value.getClass().getName() + ", which a Flask-Session record cannot hold"
                + " (SESSION_RECORD_FORMAT=flask-session holds null, Boolean, Integer, Long, Double, String, byte[], List,"
                + " Map with String keys, Instant, UUID and BigDecimal; see FlaskRecordCodec)");
    }

    private static SessionEncodingException refused(String path, String what) {
        return new SessionEncodingException("the session value at " + path + " " + what);
    }

    /**
     * Encodes a session as Flask-Session stores it: {@code _permanent} first when the session is
     * permanent, then the attributes in their order.
     *
     * @param record the session
     * @return the bytes to store
     * @throws SessionEncodingException when a value cannot be held, or the record is over
     *     {@code SESSION_MAX_SIZE}
     */
    public byte[] encode(SessionRecord record) {
        Objects.requireNonNull(record, "record");
        Map<String, Object> map = new LinkedHashMap<>();
        if (record.permanent()) {
            map.put(PERMANENT_KEY, Boolean.TRUE);
        }
        if (!record.extensions().isEmpty()) {
            Map<String, Object> ext = new LinkedHashMap<>();
            record.extensions().principal().ifPresent(p -> ext.put("principal", p));
            record.extensions().signedInAt().ifPresent(t -> ext.put("signed_in_at", t.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
            record.extensions().idleTimeout().ifPresent(d -> ext.put("idle_timeout", Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0))));
            map.put(EXTENSIONS_KEY, ext);
        }
        record.attributes().forEach((k, v) -> {
            check(k, v);
            map.put(k, v);
        });
        byte[] out;
        if (json) {
            StringBuilder sb = new StringBuilder();
            FlaskJson.write(sb, map);
            out = sb.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            FlaskMsgpack.write(bytes, map);
            out = bytes.toByteArray();
        }
        if (out.length > maxSize) {
            throw new SessionEncodingException("the session is " + out.length + " bytes as a Flask-Session record, over"
                    + " SESSION_MAX_SIZE=" + maxSize);
        }
        return out;
    }

    /**
     * Decodes a Flask-Session record: the configured format first, then the other one; never pickle.
     *
     * @param bytes the stored bytes
     * @param now the time to report as the session's creation (Flask keeps none)
     * @return the session; {@code _permanent} becomes its permanence
     * @throws UnreadableRecordException when the bytes are neither msgpack nor JSON of a map with
     *     String keys (a pickled record among them), or break a cap
     */
    public SessionRecord decode(byte[] bytes, Instant now) {
        if (bytes.length > maxSize) {
            throw new UnreadableRecordException(Reason.TOO_LARGE, "the Flask-Session record is " + bytes.length
                    + " bytes, over SESSION_MAX_SIZE=" + maxSize);
        }
        Object tree;
        try {
            tree = json ? FlaskJson.read(bytes, maxDepth) : FlaskMsgpack.read(bytes, maxDepth);
        } catch (IllegalArgumentException first) {
            try {
                tree = json ? FlaskMsgpack.read(bytes, maxDepth) : FlaskJson.read(bytes, maxDepth);
            } catch (IllegalArgumentException second) {
                boolean pickle = bytes.length > 1 && (bytes[0] & 0xff) == 0x80 && bytes[1] >= 2 && bytes[1] <= 5;
                throw new UnreadableRecordException(Reason.UNKNOWN_FORMAT, pickle
                        ? "the record is a Python pickle, which session4j never unpickles"
                        : "the record is neither msgpack nor JSON of a Flask session (" + first.getMessage() + ")");
            }
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new UnreadableRecordException(Reason.MALFORMED_PAYLOAD, "the Flask-Session record is not a map");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        boolean permanent = false;
        RecordExtensions extensions = RecordExtensions.none();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            if (PERMANENT_KEY.equals(key)) {
                permanent = Boolean.TRUE.equals(e.getValue());
            } else if (EXTENSIONS_KEY.equals(key)) {
                extensions = extensions(e.getValue());
            } else {
                attributes.put(key, e.getValue());
            }
        }
        return new SessionRecord(now, permanent, attributes, extensions);
    }

    private static RecordExtensions extensions(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new UnreadableRecordException(Reason.MALFORMED_PAYLOAD, "the record's " + EXTENSIONS_KEY + " is not a map");
        }
        Object principal = m.get("principal");
        Object signedInAt = m.get("signed_in_at");
        Object idle = m.get("idle_timeout");
        try {
            return RecordExtensions.of(principal instanceof String p ? p : null,
                    signedInAt instanceof Instant t ? t : signedInAt instanceof String s ? Instant.parse(s) : null,
                    idle instanceof Number n ? java.time.Duration.ofSeconds(n.longValue()) : null);
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(Reason.MALFORMED_PAYLOAD, "the record's " + EXTENSIONS_KEY + " is malformed: "
                    + e.getMessage());
        }
    }

    /** The encodings of the scalar values msgpack and JSON both write as text. */
    static String text(Object value) {
        if (value instanceof UUID u) {
            return u.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toString();
        }
        return null;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static List<Object> list() {
        return new ArrayList<>();
    }

    @Override
    public String toString() {
        return "FlaskRecordCodec[" + (json ? "json" : "msgpack") + "]";
    }
}
