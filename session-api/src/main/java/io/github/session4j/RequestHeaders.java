package io.github.session4j;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request headers the session lifecycle reads: the {@code Cookie} headers and, when
 * {@code SESSION_ID_HEADER} is set, that header. Adapters implement it over their framework's
 * request in one line.
 */
@FunctionalInterface
public interface RequestHeaders {

    /**
     * Every value of a header, in the order received.
     *
     * @param name the header name, matched case-insensitively
     * @return the values; an empty list when the header is absent
     */
    List<String> values(String name);

    /**
     * Headers from a map.
     *
     * @param headers header names (any case) to their values
     * @return a view that matches names case-insensitively
     */
    static RequestHeaders of(Map<String, List<String>> headers) {
        Map<String, List<String>> byLowerName = new TreeMap<>();
        headers.forEach((name, values) -> byLowerName.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return name -> byLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * A request that carries one {@code Cookie} header and nothing else.
     *
     * @param cookieHeaderValue the header's value, such as {@code session=abc; theme=dark}
     * @return the headers
     */
    static RequestHeaders cookie(String cookieHeaderValue) {
        return of(Map.of("Cookie", List.of(cookieHeaderValue)));
    }

    /**
     * A request without headers: it always starts a new session.
     *
     * @return the headers
     */
    static RequestHeaders none() {
        return name -> List.of();
    }
}
