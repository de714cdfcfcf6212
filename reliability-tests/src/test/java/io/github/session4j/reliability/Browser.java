package io.github.session4j.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A client of the test app over real HTTP ({@code java.net.http}). It keeps no cookies: each
 * request says which session IDs it presents, and every ID sent or received is recorded for
 * item 18.
 */
final class Browser {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final int port;

    Browser(int port) {
        this.port = port;
    }

    /** @return the app's port */
    int port() {
        return port;
    }

    /**
     * A GET presenting session cookies.
     *
     * @param path the path and query
     * @param ids the session IDs to present, as {@code session=} cookies in one header, in order
     * @return the reply
     */
    Reply get(String path, String... ids) {
        return send(request(path, DEFAULT_TIMEOUT, ids).GET().build());
    }

    /**
     * A GET that must be answered within {@code timeout}, or the test fails.
     *
     * @param path the path and query
     * @param timeout the bound
     * @param ids the session IDs to present
     * @return the reply
     */
    Reply getWithin(String path, Duration timeout, String... ids) {
        return send(request(path, timeout, ids).GET().build());
    }

    /**
     * A GET sent without waiting for the reply.
     *
     * @param path the path and query
     * @param ids the session IDs to present
     * @return the reply to come
     */
    CompletableFuture<Reply> getAsync(String path, String... ids) {
        return CLIENT.sendAsync(request(path, DEFAULT_TIMEOUT, ids).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), r.headers()));
    }

    /**
     * A POST of a text body.
     *
     * @param path the path and query
     * @param body the body
     * @param ids the session IDs to present
     * @return the reply
     */
    Reply post(String path, String body, String... ids) {
        return send(request(path, DEFAULT_TIMEOUT, ids).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * A GET with a {@code Cookie} header written by the test, verbatim.
     *
     * @param path the path and query
     * @param cookieHeader the header's value
     * @return the reply
     */
    Reply getWithCookieHeader(String path, String cookieHeader) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(DEFAULT_TIMEOUT).header("Cookie", cookieHeader).GET().build());
    }

    private HttpRequest.Builder request(String path, Duration timeout, String... ids) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout);
        if (ids.length > 0) {
            Arrays.stream(ids).forEach(SuiteCapture::sessionId);
            request.header("Cookie", Arrays.stream(ids).map(id -> "session=" + id).collect(Collectors.joining("; ")));
        }
        return request;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
