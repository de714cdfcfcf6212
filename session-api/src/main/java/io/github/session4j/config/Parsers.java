package io.github.session4j.config;

import io.github.session4j.SessionConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How raw strings become typed values, written once for {@link io.github.session4j.SessionConfig}'s
 * getters and for {@link Setting}s. A parser throws {@link IllegalArgumentException} whose message
 * is what was expected, such as {@code it must be an integer}; {@link #parse} turns that into the
 * message every setting uses: {@code KEY was 'value' but it must be an integer}.
 */
public final class Parsers {

    private Parsers() {
    }

    /**
     * Parses a value, or throws the message that names the key, the value (masked when secret)
     * and what was expected.
     *
     * @param key the canonical key
     * @param raw the raw value
     * @param secret whether the value is a secret that must not be shown
     * @param parser the parser
     * @param <T> the value's type
     * @return the value
     * @throws SessionConfigException if the parser refuses the value
     */
    public static <T> T parse(String key, String raw, boolean secret, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new SessionConfigException(shown(key, raw, secret) + " but " + e.getMessage());
        }
    }

    /**
     * How a value is shown in a message: {@code KEY was 'value'}, the value masked.
     *
     * @param key the canonical key
     * @param raw the raw value
     * @param secret whether the whole value is secret; otherwise passwords in URIs are masked
     *     (and keys that {@link Secrets} finds secret by their name are masked all the same)
     * @return such as {@code SESSION_ID_LENGTH was 'abc'}
     */
    public static String shown(String key, String raw, boolean secret) {
        return key + " was '" + (secret ? Secrets.MASK : Secrets.mask(key, raw)) + "'";
    }

    /**
     * An integer.
     *
     * @param raw the raw value
     * @return the value
     * @throws IllegalArgumentException if it is not an integer
     */
    public static int integer(String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("it must be an integer");
        }
    }

    /**
     * A long integer.
     *
     * @param raw the raw value
     * @return the value
     * @throws IllegalArgumentException if it is not an integer
     */
    public static long longInteger(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("it must be an integer");
        }
    }

    /**
     * {@code true} or {@code false}, in any case.
     *
     * @param raw the raw value
     * @return the value
     * @throws IllegalArgumentException if it is neither
     */
    public static boolean bool(String raw) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("it must be true or false");
    }

    /**
     * A duration: {@code 500ms}, {@code 30s}, {@code 30m}, {@code 12h}, {@code 31d}, or ISO-8601
     * such as {@code PT30M}.
     *
     * @param raw the raw value
     * @return the value
     * @throws IllegalArgumentException if it is not a duration
     */
    public static Duration duration(String raw) {
        String v = raw.trim();
        try {
            if (v.regionMatches(true, 0, "P", 0, 1)) {
                return Duration.parse(v);
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
            switch (lower.charAt(lower.length() - 1)) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default: break;
            }
        } catch (RuntimeException e) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("it must be a duration such as 500ms, 30s, 30m, 12h, 31d or PT30M");
    }

    /**
     * A size in bytes (see {@link ByteSize}).
     *
     * @param raw the raw value
     * @return the size in bytes
     * @throws IllegalArgumentException if it is not a size
     */
    public static long size(String raw) {
        return ByteSize.parse(raw);
    }

    /**
     * A comma-separated list, items trimmed, empty items dropped.
     *
     * @param raw the raw value
     * @return the items
     */
    public static List<String> list(String raw) {
        List<String> items = new ArrayList<>();
        for (String item : raw.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    }
}
