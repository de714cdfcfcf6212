package io.github.session4j.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A browser without a browser: real HTTP, keeping the session cookie itself, following no redirect. */
final class Visitor {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final RunningDemo demo;
    private volatile String sessionCookie;

    Visitor(RunningDemo demo) {
        this.demo = demo;
    }

    String sessionCookie() {
        return sessionCookie;
    }

    void sessionCookie(String value) {
        sessionCookie = value;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    /** The CSRF token in the hidden field of a page's form (fetching the page, as a browser showing it would). */
    String csrf(String page) throws IOException, InterruptedException {
        String body = get(page).body();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(body);
        if (!token.find()) {
            throw new AssertionError("no CSRF field on " + page + ": " + body);
        }
        return token.group(1);
    }

    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return send("POST", path, "application/x-www-form-urlencoded", form);
    }

    HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(method, path, contentType, body, Map.of());
    }

    /** A request with headers of the caller's (such as {@code User-Agent}, {@code Origin} or a CSRF header). */
    HttpResponse<String> send(String method, String path, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        String cookie = sessionCookie;
        if (cookie != null) {
            request.header("Cookie", "session=" + cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            if (pair.startsWith("session=")) {
                String value = pair.substring("session=".length());
                sessionCookie = value.isEmpty() || setCookie.contains("Max-Age=0") ? null : value;
            }
        }
        return response;
    }
}
