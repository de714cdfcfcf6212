package io.github.session4j.codec;

import io.github.session4j.SessionConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of {@link ValueType} registrations, handed to the codecs. No registration is
 * global: each {@code SessionManager} gets its own.
 *
 * <p>A documented value type (or a subtype of one, such as {@code ArrayList}) cannot be
 * registered: documented types always encode as documented, so the registration would never be
 * used. Tags and classes must be unique.
 */
public final class ValueTypes {

    private static final ValueTypes NONE = new ValueTypes(Map.of(), Map.of());

    private final Map<String, ValueType<?>> byTag;
    private final Map<Class<?>, ValueType<?>> byClass;

    private ValueTypes(Map<String, ValueType<?>> byTag, Map<Class<?>, ValueType<?>> byClass) {
        this.byTag = byTag;
        this.byClass = byClass;
    }

    /**
     * No registration: only the documented types are accepted.
     *
     * @return the empty registry
     */
    public static ValueTypes none() {
        return NONE;
    }

    /**
     * A registry of the given types.
     *
     * @param types the registrations
     * @return the registry
     * @throws SessionConfigException if two registrations share a tag or a class, or one
     *     registers a documented type
     */
    public static ValueTypes of(ValueType<?>... types) {
        return NONE.with(Arrays.asList(types));
    }

    /**
     * This registry plus more registrations.
     *
     * @param types the registrations to add
     * @return a new registry
     * @throws SessionConfigException if two registrations share a tag or a class, or one
     *     registers a documented type
     */
    public ValueTypes with(Collection<? extends ValueType<?>> types) {
        Map<String, ValueType<?>> tags = new LinkedHashMap<>(byTag);
        Map<Class<?>, ValueType<?>> classes = new LinkedHashMap<>(byClass);
        List<String> problems = new ArrayList<>();
        for (ValueType<?> type : types) {
            Objects.requireNonNull(type, "value type");
            if (DocumentedTypes.covers(type.type())) {
                problems.add("value type '" + type.tag() + "' registers " + type.type().getName()
                        + ", which is already a documented session value type; remove the registration");
            } else if (tags.containsKey(type.tag())) {
                problems.add("value type tag '" + type.tag() + "' is registered twice ("
                        + tags.get(type.tag()).type().getName() + " and " + type.type().getName()
                        + "); give each type its own tag");
            } else if (classes.containsKey(type.type())) {
                problems.add("value type " + type.type().getName() + " is registered twice (tags '"
                        + classes.get(type.type()).tag() + "' and '" + type.tag() + "'); register it once");
            } else {
                tags.put(type.tag(), type);
                classes.put(type.type(), type);
            }
        }
        if (!problems.isEmpty()) {
            throw new SessionConfigException(String.join("\n", problems));
        }
        return new ValueTypes(Collections.unmodifiableMap(tags), Collections.unmodifiableMap(classes));
    }

    /**
     * The registrations, in registration order.
     *
     * @return the registrations
     */
    public List<ValueType<?>> list() {
        return List.copyOf(byTag.values());
    }

    /** The registration for a value's class: exact class first, then the first supertype match. */
    ValueType<?> forClass(Class<?> type) {
        ValueType<?> exact = byClass.get(type);
        if (exact != null) {
            return exact;
        }
        for (ValueType<?> candidate : byClass.values()) {
            if (candidate.type().isAssignableFrom(type)) {
                return candidate;
            }
        }
        return null;
    }

    ValueType<?> forTag(String tag) {
        return byTag.get(tag);
    }

    @Override
    public String toString() {
        return "ValueTypes" + byTag.keySet();
    }
}
