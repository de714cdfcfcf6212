package io.github.session4j;

import java.util.List;
import java.util.Optional;

/**
 * What a commit asks the adapter to add to the response: {@code Set-Cookie}, {@code Vary},
 * {@code Cache-Control} and, in header mode, the ID header. Adapters add every header in order.
 *
 * @param headers the headers to add, possibly none
 */
public record CommitResult(List<ResponseHeader> headers) {

    /**
     * Creates a result.
     *
     * @param headers the headers to add, copied
     */
    public CommitResult {
        headers = List.copyOf(headers);
    }

    /**
     * The first value of a header, for tests and logging.
     *
     * @param name the header name, matched case-insensitively
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(ResponseHeader::value).findFirst();
    }
}
