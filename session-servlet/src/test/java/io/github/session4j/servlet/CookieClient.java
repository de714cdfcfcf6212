package io.github.session4j.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A client over real HTTP that keeps the session cookie itself, so a test can send an old cookie
 * on purpose, and sees every response as it came (redirects are not followed).
 */
final class CookieClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String sessionCookie;

    /** The value of the session cookie this client holds, or {@code null}. */
    String sessionCookie() {
        return sessionCookie;
    }

    void sessionCookie(String value) {
        this.sessionCookie = value;
    }

    HttpResponse<String> get(int port, String pathAndQuery) throws IOException, InterruptedException {
        return send(port, "GET", pathAndQuery);
    }

    /** A request with a method and extra headers (name, value, name, value ...), keeping the cookie like {@link #get}. */
    HttpResponse<String> send(int port, String method, String pathAndQuery, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (sessionCookie != null) {
            request.header("Cookie", "session=" + sessionCookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : setCookies(response)) {
            String pair = setCookie.split(";", 2)[0];
            if (pair.startsWith("session=")) {
                String value = pair.substring("session=".length());
                sessionCookie = value.isEmpty() || setCookie.contains("Max-Age=0") ? null : value;
            }
        }
        return response;
    }

    static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }
}
