package io.github.session4j;

import java.util.Objects;

/**
 * One header that the adapter adds to the response, such as {@code Set-Cookie}.
 *
 * @param name the header name
 * @param value the header value
 */
public record ResponseHeader(String name, String value) {

    /**
     * Creates a header.
     *
     * @param name the header name
     * @param value the header value
     * @throws NullPointerException if either part is null
     */
    public ResponseHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
