package io.github.session4j.spring;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that follows no redirect and records every Set-Cookie it gets. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> setCookies = new ArrayList<>();
    private URI base;

    Browser(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Points the browser at another server (a restarted application), keeping its cookies. */
    void port(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The CSRF token of a page that has a form. */
    String csrf(String path) {
        Response page = get(path);
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no _csrf field in " + path + " (" + page.status() + "): " + page.body());
        }
        return m.group(1);
    }

    /** Signs in through Spring Security's form login, with its CSRF token. */
    Response signIn(String user, String password) {
        return signIn("/login", user, password);
    }

    /** Signs in through a form login that processes {@code path}, with the CSRF token of {@code /login}'s form. */
    Response signIn(String path, String user, String password) {
        return post(path, Map.of("username", user, "password", password, "_csrf", csrf("/login")));
    }

    /** A DELETE with Spring Security's CSRF header. */
    Response delete(String path, String csrfToken) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("X-CSRF-TOKEN", csrfToken).DELETE());
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** Every Set-Cookie header received so far. */
    List<String> setCookies() {
        return List.copyOf(setCookies);
    }

    private Response send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                setCookies.add(header);
                String pair = header.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('=')).trim();
                String value = pair.substring(pair.indexOf('=') + 1).trim();
                if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Response(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                    response.body(), response.headers().allValues("Set-Cookie"));
        } catch (IOException e) {
            throw new AssertionError("request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One response. */
    record Response(int status, String location, String body, List<String> setCookies) {
    }
}
