package io.github.session4j.codec;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An explicit registration that lets a type outside the documented value types be stored in a
 * session. The value is converted to a documented value (for example a {@code String} or a
 * {@code Map<String, Object>}) when encoded, and back when decoded; the record stores the tag next
 * to the converted value, never a class name.
 *
 * <pre>{@code
 * ValueType<Money> money = ValueType.of("money", Money.class,
 *         m -> Map.of("amount", m.amount(), "currency", m.currency()),
 *         d -> { Map<?, ?> m = (Map<?, ?>) d;
 *                return new Money((BigDecimal) m.get("amount"), (String) m.get("currency")); });
 * }</pre>
 *
 * <p>Instances are immutable; the functions must be thread-safe and free of side effects.
 *
 * @param <T> the registered type
 */
public final class ValueType<T> {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final String tag;
    private final Class<T> type;
    private final Function<? super T, ?> toDocumented;
    private final Function<Object, ? extends T> fromDocumented;

    private ValueType(String tag, Class<T> type, Function<? super T, ?> toDocumented,
            Function<Object, ? extends T> fromDocumented) {
        this.tag = tag;
        this.type = type;
        this.toDocumented = toDocumented;
        this.fromDocumented = fromDocumented;
    }

    /**
     * Registers a type.
     *
     * @param tag the stable name written into records, 1 to 64 characters of
     *     {@code A-Z a-z 0-9 _ . : -}; keep it when the class is renamed, or stored sessions
     *     become unreadable
     * @param type the class; a value is encoded with this registration when its class is exactly
     *     {@code type}, or else a subclass of it (the first matching registration wins)
     * @param toDocumented converts a value to a documented value (it may hold other registered
     *     values); must not return {@code null}
     * @param fromDocumented converts the decoded documented value back; must return a non-null
     *     instance of {@code type}
     * @param <T> the registered type
     * @return the registration
     * @throws IllegalArgumentException if the tag is malformed
     * @throws NullPointerException if an argument is null
     */
    public static <T> ValueType<T> of(String tag, Class<T> type, Function<? super T, ?> toDocumented,
            Function<Object, ? extends T> fromDocumented) {
        Objects.requireNonNull(tag, "tag");
        if (!isValidTag(tag)) {
            throw new IllegalArgumentException("value type tag '" + tag
                    + "' must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        }
        return new ValueType<>(tag, Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(toDocumented, "toDocumented"),
                Objects.requireNonNull(fromDocumented, "fromDocumented"));
    }

    static boolean isValidTag(String tag) {
        return TAG.matcher(tag).matches();
    }

    /**
     * The tag written into records.
     *
     * @return the tag
     */
    public String tag() {
        return tag;
    }

    /**
     * The registered class.
     *
     * @return the class
     */
    public Class<T> type() {
        return type;
    }

    Object toDocumented(Object value) {
        return toDocumented.apply(type.cast(value));
    }

    T fromDocumented(Object documented) {
        return fromDocumented.apply(documented);
    }

    @Override
    public String toString() {
        return "ValueType[" + tag + " = " + type.getName() + "]";
    }
}
