package io.github.session4j;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deep copies of session attributes, for the decoded records the record cache shares between
 * requests: each request must get values it may change in place without touching another's.
 * Covers the documented value types; a registered type is not copied (its class is the
 * application's), so a record holding one is not kept decoded and is decoded from its bytes
 * instead.
 */
final class AttributeCopies {

    private AttributeCopies() {
    }

    /**
     * A deep copy of attributes the cache keeps (all of which can be copied).
     *
     * @throws IllegalArgumentException if a value anywhere in them is not of a documented type
     */
    static Map<String, Object> copyAll(Map<String, Object> attributes) {
        try {
            return copyMap(attributes);
        } catch (NotCopyable e) {
            throw new IllegalArgumentException("the attributes hold a value of a type that cannot be copied;"
                    + " the record cache keeps no record holding one");
        }
    }

    /**
     * A deep copy of one value of a decoded record the cache keeps (all of which can be copied).
     *
     * @throws IllegalArgumentException if the value is not of a documented type
     */
    static Object copy(Object value) {
        try {
            return copyValue(value);
        } catch (NotCopyable e) {
            throw new IllegalArgumentException("a value of " + value.getClass().getName()
                    + " cannot be copied; the record cache keeps no record holding one");
        }
    }

    /** Whether a value can be changed in place (a byte array, list or map), so that sharing it needs a copy. */
    static boolean isMutable(Object value) {
        return value instanceof byte[] || value instanceof List<?> || value instanceof Map<?, ?>;
    }

    /** Whether every value of {@code attributes} can be copied (no registered type anywhere in it). */
    static boolean canCopyAll(Map<String, Object> attributes) {
        return copyableBeside(Map.of(), attributes);
    }

    /**
     * Whether every value of {@code after} can be copied, given that those of {@code before} can:
     * only the values that are not the same instance as in {@code before} are looked at.
     */
    static boolean copyableBeside(Map<String, Object> before, Map<String, Object> after) {
        for (Map.Entry<String, Object> entry : after.entrySet()) {
            if (entry.getValue() != before.get(entry.getKey()) && !canCopy(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean canCopy(Object value) {
        if (isImmutable(value) || value instanceof byte[]) {
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(AttributeCopies::canCopy);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(entry -> entry.getKey() instanceof String && canCopy(entry.getValue()));
        }
        return false;
    }

    private static boolean isImmutable(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double || value instanceof Short || value instanceof Byte
                || value instanceof Float || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Instant || value instanceof UUID;
    }

    private static Map<String, Object> copyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, map.size() * 2));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new NotCopyable();
            }
            copy.put(key, copyValue(entry.getValue()));
        }
        return copy;
    }

    private static Object copyValue(Object value) {
        if (isImmutable(value)) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map);
        }
        throw new NotCopyable();
    }

    /** A value of a type this class does not know how to copy; caught in {@link #copy} and {@link #copyAll}. */
    private static final class NotCopyable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCopyable() {
            super(null, null, false, false);
        }
    }
}
