package io.github.session4j.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the tagged tree of {@link DocumentedTypes} from any Jackson streaming parser. It only ever
 * builds documented values (and registered ones, through their own functions); no class is looked
 * up by name, whatever the input says.
 */
final class TreeReader {

    private final ValueTypes types;
    private final int maxDepth;
    private final SerializableDoor door;

    /** @param door the door for SESSION_SERIALIZABLE_CLASSES, or null when the setting is unset */
    TreeReader(ValueTypes types, int maxDepth, SerializableDoor door) {
        this.types = types;
        this.maxDepth = maxDepth;
        this.door = door;
    }

    /** Reads the root object; the caller checks that nothing follows it. */
    Map<String, Object> readAttributes(JsonParser in) throws IOException {
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw malformed("the payload does not start with a map of attributes");
        }
        return readMap(in, 0);
    }

    private Object read(JsonParser in, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw truncated();
        }
        switch (token) {
            case VALUE_NULL: return null;
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_STRING: return in.getText();
            case VALUE_NUMBER_INT: return integer(in, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case VALUE_NUMBER_FLOAT: return in.getDoubleValue();
            case START_OBJECT: return readMap(in, enter(depth));
            case START_ARRAY: return readTagged(in, depth);
            default: throw malformed("the payload holds an unexpected " + token + " token");
        }
    }

    private Map<String, Object> readMap(JsonParser in, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw token == null ? truncated() : malformed("a map in the payload has a key that is not a String");
            }
            String key = in.currentName();
            if (map.containsKey(key)) {
                throw malformed("a map in the payload holds the same key twice");
            }
            map.put(key, read(in, in.nextToken(), depth));
        }
        return map;
    }

    private Object readTagged(JsonParser in, int depth) throws IOException {
        if (in.nextToken() != JsonToken.VALUE_STRING) {
            throw malformed("an array in the payload does not start with a type tag");
        }
        String tag = in.getText();
        switch (tag) {
            case DocumentedTypes.LIST: return readList(in, enter(depth));
            case DocumentedTypes.REGISTERED: return readRegistered(in, enter(depth));
            case DocumentedTypes.SERIALIZED: return readSerialized(in, enter(depth));
            default: break;
        }
        Object value = readScalar(in, tag);
        if (in.nextToken() != JsonToken.END_ARRAY) {
            throw malformed("a tagged value in the payload has extra elements");
        }
        return value;
    }

    private Object readScalar(JsonParser in, String tag) throws IOException {
        JsonToken token = in.nextToken();
        switch (tag) {
            case DocumentedTypes.LONG: return expectInt(in, token).getLongValue();
            case DocumentedTypes.SHORT:
                return (short) integer(expectInt(in, token), Short.MIN_VALUE, Short.MAX_VALUE);
            case DocumentedTypes.BYTE: return (byte) integer(expectInt(in, token), Byte.MIN_VALUE, Byte.MAX_VALUE);
            case DocumentedTypes.DOUBLE: return floating(in, token);
            case DocumentedTypes.FLOAT: return (float) floating(in, token);
            case DocumentedTypes.BIG_INTEGER: return new BigInteger(decimal(in, token));
            case DocumentedTypes.BIG_DECIMAL: return new BigDecimal(decimal(in, token));
            case DocumentedTypes.BYTES: return bytes(in, token);
            case DocumentedTypes.INSTANT: return instant(in, token);
            case DocumentedTypes.UUID_TAG: return uuid(in, token);
            default: throw malformed("the payload holds an unknown type tag");
        }
    }

    private List<Object> readList(JsonParser in, int depth) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            list.add(read(in, token, depth));
        }
        return list;
    }

    private Object readRegistered(JsonParser in, int depth) throws IOException {
        if (in.nextToken() != JsonToken.VALUE_STRING) {
            throw malformed("a registered value in the payload has no tag");
        }
        String tag = in.getText();
        ValueType<?> type = types.forTag(tag);
        if (type == null) {
            String named = ValueType.isValidTag(tag) ? "registered type '" + tag + "'" : "a malformed registered type tag";
            throw new UnreadableRecordException(Reason.UNKNOWN_VALUE_TYPE, "the record holds a value of " + named
                    + ", which is not registered here; register it with ValueType.of(...) as when the record was"
                    + " written");
        }
        Object documented = read(in, in.nextToken(), depth);
        if (in.nextToken() != JsonToken.END_ARRAY) {
            throw malformed("a registered value in the payload has extra elements");
        }
        Object value;
        try {
            value = type.fromDocumented(documented);
        } catch (RuntimeException e) {
            throw malformed("the ValueType '" + tag + "' failed to convert a stored value back ("
                    + e.getClass().getName() + ")");
        }
        if (!type.type().isInstance(value)) {
            throw malformed("the ValueType '" + tag + "' converted a stored value to something other than a "
                    + type.type().getName());
        }
        return value;
    }

    /**
     * A Java-serialized value, read only through the door of SESSION_SERIALIZABLE_CLASSES. A record
     * reaches this point only once its MAC has verified (the door needs SECRET_KEY).
     */
    private Object readSerialized(JsonParser in, int depth) throws IOException {
        if (door == null) {
            throw new UnreadableRecordException(Reason.UNKNOWN_VALUE_TYPE, "the record holds a Java-serialized value,"
                    + " but SESSION_SERIALIZABLE_CLASSES is not set here; set it as when the record was written");
        }
        JsonToken token = in.nextToken();
        byte[] serialized = bytes(in, token);
        if (in.nextToken() != JsonToken.END_ARRAY) {
            throw malformed("a Java-serialized value in the payload has extra elements");
        }
        return door.read(serialized);
    }

    private int enter(int depth) {
        int inner = depth + 1;
        if (inner > maxDepth) {
            throw new UnreadableRecordException(Reason.TOO_DEEP,
                    "the payload nests deeper than SESSION_MAX_DEPTH=" + maxDepth);
        }
        return inner;
    }

    private static JsonParser expectInt(JsonParser in, JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed("a tagged integer in the payload is not an integer");
        }
        return in;
    }

    private static int integer(JsonParser in, int min, int max) throws IOException {
        if (in.getNumberType() != JsonParser.NumberType.INT) {
            throw malformed("an integer in the payload is out of range for its type");
        }
        int value = in.getIntValue();
        if (value < min || value > max) {
            throw malformed("an integer in the payload is out of range for its type");
        }
        return value;
    }

    /** A floating number, or one of the names JSON uses for the non-finite ones. */
    private static double floating(JsonParser in, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return in.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            switch (in.getText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw malformed("a tagged floating number in the payload is not a number");
    }

    private static String decimal(JsonParser in, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING || in.getTextLength() > DocumentedTypes.MAX_DECIMAL_DIGITS) {
            throw malformed("a tagged big number in the payload is not a decimal text of at most "
                    + DocumentedTypes.MAX_DECIMAL_DIGITS + " characters");
        }
        return in.getText();
    }

    private static byte[] bytes(JsonParser in, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw malformed("a tagged byte[] in the payload is not binary");
        }
        if (token == JsonToken.VALUE_EMBEDDED_OBJECT && !(in.getEmbeddedObject() instanceof byte[])) {
            throw malformed("a tagged byte[] in the payload is an extension type, not binary");
        }
        return in.getBinaryValue();
    }

    private static Instant instant(JsonParser in, JsonToken token) throws IOException {
        long seconds = expectInt(in, token).getLongValue();
        int nanos = integer(expectInt(in, in.nextToken()), 0, 999_999_999);
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Only the canonical form: {@code UUID.fromString} alone also accepts short groups. */
    private static UUID uuid(JsonParser in, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING && in.getTextLength() == 36) {
            String text = in.getText();
            UUID uuid = UUID.fromString(text);
            if (uuid.toString().equals(text)) {
                return uuid;
            }
        }
        throw malformed("a tagged UUID in the payload is not in canonical form");
    }

    static UnreadableRecordException malformed(String what) {
        return new UnreadableRecordException(Reason.MALFORMED_PAYLOAD, what);
    }

    static UnreadableRecordException truncated() {
        return new UnreadableRecordException(Reason.TRUNCATED, "the payload ends in the middle of a value");
    }
}
