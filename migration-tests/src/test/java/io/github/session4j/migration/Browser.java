package io.github.session4j.migration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** One user's browser: keeps the session cookie the app sets, and sends it to whichever app it is pointed at. */
final class Browser {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String cookie;
    private int port;

    Browser(int port) {
        this.port = port;
    }

    /** Points the browser at the restarted app (the cookie stays). */
    void pointAt(int newPort) {
        this.port = newPort;
    }

    /** The session ID the browser holds, or null. Tests never log it. */
    String sessionId() {
        return cookie;
    }

    void useCookie(String id) {
        this.cookie = id;
    }

    String get(String path) {
        return send("GET", path);
    }

    String post(String path) {
        return send("POST", path);
    }

    private String send(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", "session=" + cookie);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            List<String> setCookies = response.headers().allValues("Set-Cookie");
            for (String setCookie : setCookies) {
                if (setCookie.startsWith("session=")) {
                    cookie = setCookie.contains("Max-Age=0") ? null : setCookie.substring(8, setCookie.indexOf(';'));
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
