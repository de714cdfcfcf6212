package io.github.session4j;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Deep copies of session attributes, for the decoded records the record cache shares between
 * requests: each request must get values it may change in place without touching another's.
 * Covers the documented value types; a registered type is not copied (its class is the
 * application's), so a map holding one has no copy and is decoded from its bytes instead.
 */
final class AttributeCopies {

    private AttributeCopies() {
    }

    /**
     * A deep copy of {@code attributes}, or empty when a value anywhere in it is not of a
     * documented type.
     */
    static Optional<Map<String, Object>> of(Map<String, Object> attributes) {
        try {
            return Optional.of(copyMap(attributes));
        } catch (NotCopyable e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> copyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, map.size() * 2));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new NotCopyable();
            }
            copy.put(key, copy(entry.getValue()));
        }
        return copy;
    }

    private static Object copy(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double || value instanceof Short || value instanceof Byte
                || value instanceof Float || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Instant || value instanceof UUID) {
            return value; // immutable
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map);
        }
        throw new NotCopyable();
    }

    /** A value of a type this class does not know how to copy; caught in {@link #of}. */
    private static final class NotCopyable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCopyable() {
            super(null, null, false, false);
        }
    }
}
