package io.github.session4j.cli;

import io.github.session4j.config.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Session values as an operator sees them: plain JSON-like values, with the values of keys that
 * look secret (passwords, tokens, CSRF tokens, keys) masked at any depth, and bytes shown by size.
 */
final class ValueView {

    private static final int MAX_TEXT = 200;
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "csrf", "credential",
            "apikey", "api_key", "private");

    private ValueView() {
    }

    /** Whether a session key's value is masked. */
    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return Secrets.isSecret(key) || SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** The attributes with secrets masked, as strings, numbers, booleans, lists and maps. */
    static Map<String, Object> of(Map<String, Object> attributes) {
        Map<String, Object> view = new LinkedHashMap<>();
        attributes.forEach((key, value) -> view.put(key, isSecret(key) ? Secrets.MASK : plain(value)));
        return view;
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof String text) {
            return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "… (" + text.length() + " chars)" : text;
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> view = new LinkedHashMap<>();
            map.forEach((k, v) -> view.put(String.valueOf(k), isSecret(String.valueOf(k)) ? Secrets.MASK : plain(v)));
            return view;
        }
        if (value instanceof List<?> list) {
            List<Object> view = new ArrayList<>(list.size());
            list.forEach(v -> view.add(plain(v)));
            return view;
        }
        // Instant, UUID and registered types: their text, with the type for the latter
        String text = String.valueOf(value);
        return value instanceof java.time.Instant || value instanceof java.util.UUID ? text
                : value.getClass().getSimpleName() + ": " + plain(text);
    }
}
