package io.github.session4j.vertx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** One visitor with one session cookie (named {@code session}), over java.net.http, following no redirect. */
final class Visitor {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String port;
    private String session;

    Visitor(int port) {
        this.port = Integer.toString(port);
    }

    void port(int newPort) {
        port = Integer.toString(newPort);
    }

    String session() {
        return session;
    }

    void session(String id) {
        session = id;
    }

    HttpResponse<String> get(String path) {
        return exchange(request(path).GET());
    }

    HttpResponse<String> post(String path, String form) {
        return exchange(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A GET with a given cookie, not kept. */
    CompletableFuture<HttpResponse<String>> getAsync(String path, String id) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (id != null) {
            request.header("Cookie", "session=" + id);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with this visitor's cookie, sent at once; its Set-Cookie is not kept. */
    CompletableFuture<HttpResponse<String>> postAsync(String path) {
        return http.sendAsync(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (session != null) {
            request.header("Cookie", "session=" + session);
        }
        return request;
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session=")).forEach(c -> {
            String value = c.substring("session=".length()).split(";", 2)[0];
            session = value.isEmpty() || c.contains("Max-Age=0") ? null : value;
        });
        return response;
    }
}
