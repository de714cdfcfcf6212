package io.github.session4j.reliability;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * A browser of its own: an HTTP client ({@code java.net.http}) with its own connections and its
 * own cookie jar ({@link CookieManager}), which keeps, replaces and drops the session cookie as a
 * browser does ({@code Set-Cookie}, {@code Max-Age=0}). Two of them are two devices of one user.
 * Every session ID it holds or receives is recorded for item 18.
 */
final class CookieJarBrowser {

    private final int port;
    private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    CookieJarBrowser(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(jar)
                .connectTimeout(Browser.DEFAULT_TIMEOUT).build();
    }

    /**
     * A GET with whatever cookies the jar holds for the app; the jar takes the reply's cookies.
     *
     * @param path the path and query
     * @return the reply
     */
    Reply get(String path) {
        sessionId().ifPresent(SuiteCapture::sessionId);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Browser.DEFAULT_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(response.statusCode(), response.body(), response.headers());
            sessionId().ifPresent(SuiteCapture::sessionId);
            return reply;
        } catch (IOException e) {
            List<String> thrown = SuiteCapture.exceptionMessages();
            throw new AssertionError("GET " + request.uri().getPath() + " failed: " + e + (thrown.isEmpty() ? ""
                    : "; the last exception the app threw: " + thrown.get(thrown.size() - 1)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * A GET that must be answered 200.
     *
     * @param path the path and query
     * @return the body
     */
    String body(String path) {
        Reply reply = get(path);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + path + " was answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    /** @return the session ID in the jar, if it holds a session cookie */
    Optional<String> sessionId() {
        return jar.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("session"))
                .filter(cookie -> !cookie.hasExpired()).map(HttpCookie::getValue).filter(id -> !id.isEmpty()).findFirst();
    }
}
