package io.github.session4j.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: real HTTP, its own cookie, no redirects followed, and the CSRF
 * token of the last page it read sent back with every form, as a browser sends a form's hidden
 * field. Every response is checked for what must never appear: a container session
 * ({@code JSESSIONID}) in a cookie, a {@code Location} or a page.
 */
final class Visitor {

    static final String COOKIE = "session";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final RunningSample app;
    private String cookie;
    private String csrf;

    Visitor(RunningSample app) {
        this.app = app;
    }

    /** The session cookie's value, or null when the visitor has none. */
    String cookie() {
        return cookie;
    }

    /** Sends this cookie from now on, as a replayed or stolen cookie would be. */
    void cookie(String value) {
        cookie = value;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(app.url(path))).GET());
    }

    /**
     * Where a redirect points, as path and query: Tomcat sends relative locations and Spring
     * Security's entry point absolute ones.
     */
    static String location(HttpResponse<String> response) {
        URI target = response.uri().resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no Location in the " + response.statusCode() + " of " + response.uri())));
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** Posts a form with the CSRF token of the last page read. */
    HttpResponse<String> post(String path, String... namesAndValues) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        assertThat(csrf).as("a CSRF token from a page read before posting to " + path).isNotNull();
        form.put("_csrf", csrf);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String what = response.request().method() + " " + response.uri().getPath() + " (" + response.statusCode() + ")";
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            assertThat(setCookie).as("Set-Cookie of " + what).doesNotContainIgnoringCase("JSESSIONID");
            String pair = setCookie.split(";", 2)[0];
            if (pair.startsWith(COOKIE + "=")) {
                String value = pair.substring(COOKIE.length() + 1);
                cookie = value.isEmpty() || setCookie.contains("Max-Age=0") ? null : value;
            }
        }
        response.headers().firstValue("Location").ifPresent(location ->
                assertThat(location).as("Location of " + what).doesNotContainIgnoringCase("jsessionid"));
        assertThat(response.body()).as("page of " + what).doesNotContainIgnoringCase("jsessionid");
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }
}
