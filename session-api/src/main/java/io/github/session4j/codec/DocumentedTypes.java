package io.github.session4j.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The closed world of session values, and the tags of the tagged tree both codecs write.
 *
 * <p>The tree: {@code null}, booleans, {@code String}s, {@code Integer}s and finite
 * {@code Double}s are written natively; a {@code Map} is a native object/map; every other value is
 * an array whose first element is one of the tags below.
 */
final class DocumentedTypes {

    static final String LONG = "L";
    static final String SHORT = "S";
    static final String BYTE = "B";
    static final String FLOAT = "F";
    static final String DOUBLE = "D";
    static final String BIG_INTEGER = "I";
    static final String BIG_DECIMAL = "N";
    static final String BYTES = "b";
    static final String LIST = "l";
    static final String INSTANT = "t";
    static final String UUID_TAG = "u";
    static final String REGISTERED = "x";
    /** A value of a class listed in SESSION_SERIALIZABLE_CLASSES: its Java-serialized bytes ({@link SerializableDoor}). */
    static final String SERIALIZED = "j";

    /** Longest decimal text accepted for a BigInteger or BigDecimal (parsing cost grows with it). */
    static final int MAX_DECIMAL_DIGITS = 1000;

    static final String SUPPORTED = "null, Boolean, Integer, Long, Short, Byte, Double, Float, BigInteger, "
            + "BigDecimal, String, byte[], List, Map<String,?>, Instant, UUID";

    /** Classes encoded only when the value's class is exactly one of these. */
    private static final Set<Class<?>> EXACT = Set.of(Boolean.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, BigInteger.class, BigDecimal.class, String.class,
            byte[].class, Instant.class, UUID.class);

    private DocumentedTypes() {
    }

    /** Whether values of this class always encode as documented values, so registering it is pointless. */
    static boolean covers(Class<?> type) {
        return EXACT.contains(type) || List.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    }
}
