package io.github.session4j.webflux;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A java.net.http client that keeps one cookie jar and follows no redirect. */
final class Client {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> jar = new HashMap<>();
    private final int port;

    Client(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    HttpResponse<String> post(String path) {
        return send("POST", path);
    }

    String cookie(String name) {
        return jar.get(name);
    }

    void cookie(String name, String value) {
        jar.put(name, value);
    }

    /** A GET without the jar, sent at once. */
    CompletableFuture<HttpResponse<String>> async(String path, String cookieHeader) {
        return async(path, cookieHeader, "GET", null);
    }

    /** A request without the jar, sent at once, with a {@code Sec-Fetch-Site} header when one is given. */
    CompletableFuture<HttpResponse<String>> async(String path, String cookieHeader, String method, String fetchSite) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        if (cookieHeader != null) {
            request.header("Cookie", cookieHeader);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!jar.isEmpty()) {
            request.header("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            keep(response.headers().allValues("Set-Cookie"));
            return response;
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void keep(List<String> setCookies) {
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || header.contains("Max-Age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }
}
