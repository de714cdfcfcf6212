package io.github.session4j.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.session4j.SessionEncodingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes session values as the tagged tree of {@link DocumentedTypes} on any Jackson streaming
 * generator (JSON or MessagePack), refusing every value outside the closed world.
 */
final class TreeWriter {

    private final ValueTypes types;
    private final int maxDepth;
    private final SerializableDoor door;
    private final boolean verify;

    /**
     * @param door the door for SESSION_SERIALIZABLE_CLASSES, or null when the setting is unset
     * @param verify whether a Java-serialized value is read back once (the put-time check)
     */
    TreeWriter(ValueTypes types, int maxDepth, SerializableDoor door, boolean verify) {
        this.types = types;
        this.maxDepth = maxDepth;
        this.door = door;
        this.verify = verify;
    }

    /** Writes the attributes as the root object. */
    void writeAttributes(JsonGenerator out, Map<String, Object> attributes) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, Object> entry : attributes.entrySet()) {
            String key = entry.getKey();
            if (key == null) {
                throw new SessionEncodingException("the session holds a null key; session keys must be non-null Strings");
            }
            try {
                writeName(out, key);
                write(out, entry.getValue(), 0);
            } catch (EncodingProblem problem) {
                throw problem.toException(key);
            }
        }
        out.writeEndObject();
    }

    /** Writes one attribute value alone, to check it at put time. */
    void writeAttribute(JsonGenerator out, String key, Object value) throws IOException {
        try {
            write(out, value, 0);
        } catch (EncodingProblem problem) {
            throw problem.toException(key);
        }
    }

    private void write(JsonGenerator out, Object value, int depth) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            checkUtf16(s, "String");
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, map, enter(depth));
        } else if (value instanceof List<?> list) {
            writeList(out, list, enter(depth));
        } else if (!writeScalar(out, value)) {
            writeRegistered(out, value, depth);
        }
    }

    /** The tagged scalars; false when the value is none of them. */
    private boolean writeScalar(JsonGenerator out, Object value) throws IOException {
        Class<?> type = value.getClass();
        if (type == Long.class) {
            tagged(out, DocumentedTypes.LONG).writeNumber((Long) value);
        } else if (type == Double.class) {
            double d = (Double) value;
            if (Double.isFinite(d)) {
                out.writeNumber(d);
                return true;
            }
            tagged(out, DocumentedTypes.DOUBLE).writeNumber(d);
        } else if (type == Float.class) {
            tagged(out, DocumentedTypes.FLOAT).writeNumber((Float) value);
        } else if (type == Short.class) {
            tagged(out, DocumentedTypes.SHORT).writeNumber((Short) value);
        } else if (type == Byte.class) {
            tagged(out, DocumentedTypes.BYTE).writeNumber((Byte) value);
        } else if (type == BigInteger.class) {
            tagged(out, DocumentedTypes.BIG_INTEGER).writeString(decimal(value.toString(), "BigInteger"));
        } else if (type == BigDecimal.class) {
            tagged(out, DocumentedTypes.BIG_DECIMAL).writeString(decimal(value.toString(), "BigDecimal"));
        } else if (type == byte[].class) {
            tagged(out, DocumentedTypes.BYTES).writeBinary((byte[]) value);
        } else if (type == Instant.class) {
            Instant instant = (Instant) value;
            tagged(out, DocumentedTypes.INSTANT).writeNumber(instant.getEpochSecond());
            out.writeNumber(instant.getNano());
        } else if (type == UUID.class) {
            tagged(out, DocumentedTypes.UUID_TAG).writeString(value.toString());
        } else {
            return false;
        }
        out.writeEndArray();
        return true;
    }

    private void writeMap(JsonGenerator out, Map<?, ?> map, int depth) throws IOException {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                String what = entry.getKey() == null ? "a null key" : "a " + entry.getKey().getClass().getName() + " key";
                throw new EncodingProblem(path -> "session key '" + path + "' holds a Map with " + what
                        + "; only String keys are supported: convert the keys to Strings");
            }
            try {
                writeName(out, key);
                write(out, entry.getValue(), depth);
            } catch (EncodingProblem problem) {
                throw problem.inMap(key);
            }
        }
        out.writeEndObject();
    }

    private void writeList(JsonGenerator out, List<?> list, int depth) throws IOException {
        tagged(out, DocumentedTypes.LIST);
        int index = 0;
        for (Object item : list) {
            try {
                write(out, item, depth);
            } catch (EncodingProblem problem) {
                throw problem.inList(index);
            }
            index++;
        }
        out.writeEndArray();
    }

    private void writeRegistered(JsonGenerator out, Object value, int depth) throws IOException {
        ValueType<?> type = types.forClass(value.getClass());
        if (type == null && door != null && door.lists(value.getClass())) {
            writeSerialized(out, value, depth);
            return;
        }
        if (type == null) {
            throw new EncodingProblem(path -> unsupported(path, value.getClass()));
        }
        int inner = enter(depth);
        Object documented;
        try {
            documented = type.toDocumented(value);
        } catch (RuntimeException e) {
            throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                    + " whose ValueType '" + type.tag() + "' failed to convert it (" + e.getClass().getName()
                    + "); fix its toDocumented function", e);
        }
        if (documented == null) {
            throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                    + " whose ValueType '" + type.tag() + "' converted it to null; toDocumented must return a"
                    + " documented value");
        }
        tagged(out, DocumentedTypes.REGISTERED).writeString(type.tag());
        write(out, documented, inner);
        out.writeEndArray();
    }

    /** A value of a class SESSION_SERIALIZABLE_CLASSES lists, Java-serialized through the door. */
    private void writeSerialized(JsonGenerator out, Object value, int depth) throws IOException {
        enter(depth);
        if (!(value instanceof java.io.Serializable)) {
            throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                    + ", which " + door.setting() + " lists but which does not implement java.io.Serializable;"
                    + " make it Serializable, or register a ValueType for it with ValueType.of(...)");
        }
        byte[] serialized = door.write(value, verify);
        tagged(out, DocumentedTypes.SERIALIZED).writeBinary(serialized);
        out.writeEndArray();
    }

    /** The refusal of a value of a type nothing can store, naming every way to store it. */
    private String unsupported(String path, Class<?> type) {
        String registered = types.list().isEmpty() ? "" : " (registered here: " + tagsOf(types) + ")";
        String serializable = isJdkClass(type) ? "" : door == null
                ? "; or, for a java.io.Serializable class of your own, list it in SESSION_SERIALIZABLE_CLASSES"
                        + " (ObjectInputFilter patterns such as com.acme.cart.*; needs SECRET_KEY)"
                : "; or list it in SESSION_SERIALIZABLE_CLASSES, which does not match it now (" + door.setting() + ")";
        return "session key '" + path + "' holds a " + type.getName()
                + ", which is not a supported session value type. Supported: " + DocumentedTypes.SUPPORTED
                + registered + "; register other types with ValueType.of(...)" + serializable;
    }

    /** The JDK's own classes are never listed in SESSION_SERIALIZABLE_CLASSES, so the refusal does not suggest it. */
    private static boolean isJdkClass(Class<?> type) {
        String name = type.getName();
        return type.getClassLoader() == null || name.startsWith("java.") || name.startsWith("javax.")
                || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    /** One more level of nesting, refused past the cap (this also stops self-containing values). */
    private int enter(int depth) {
        int inner = depth + 1;
        if (inner > maxDepth) {
            throw new EncodingProblem(path -> "session key '" + path + "' nests deeper than SESSION_MAX_DEPTH="
                    + maxDepth + " (each List, Map and registered value counts one level); flatten the value or"
                    + " raise SESSION_MAX_DEPTH");
        }
        return inner;
    }

    private void writeName(JsonGenerator out, String name) throws IOException {
        checkUtf16(name, "key");
        out.writeFieldName(name);
    }

    private static JsonGenerator tagged(JsonGenerator out, String tag) throws IOException {
        out.writeStartArray();
        out.writeString(tag);
        return out;
    }

    private static String decimal(String text, String type) {
        if (text.length() > DocumentedTypes.MAX_DECIMAL_DIGITS) {
            throw new EncodingProblem(path -> "session key '" + path + "' holds a " + type + " of " + text.length()
                    + " characters, over the limit of " + DocumentedTypes.MAX_DECIMAL_DIGITS
                    + "; store it as a String or byte[]");
        }
        return text;
    }

    /** UTF-8 cannot carry an unpaired surrogate: it would come back as '?', so refuse it. */
    private static void checkUtf16(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                int at = i;
                throw new EncodingProblem(path -> "session key '" + path + "' holds a " + what
                        + " with an unpaired surrogate at index " + at + ", which cannot be stored as UTF-8");
            }
        }
    }

    private static String tagsOf(ValueTypes types) {
        StringBuilder tags = new StringBuilder();
        for (ValueType<?> type : types.list()) {
            tags.append(tags.length() == 0 ? "" : ", ").append(type.tag()).append('=').append(type.type().getName());
        }
        return tags.toString();
    }
}
