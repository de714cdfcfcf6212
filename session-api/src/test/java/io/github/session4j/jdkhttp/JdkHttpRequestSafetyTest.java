package io.github.session4j.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.memory.MemorySessionInterface;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK filter over real HTTP: a cross-site POST keeps the browser's cookie, the opt-in guard's 403, no-store. */
class JdkHttpRequestSafetyTest {

    private SessionManager manager;
    private HttpServer server;
    private final AtomicInteger handled = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();

    private void start(String... settings) throws IOException {
        SessionConfig.Builder config = SessionConfig.builder();
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        manager = SessionManager.builder(config.build()).backend("memory", new MemorySessionInterface(Clock.systemUTC())).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/login", exchange -> {
            handled.incrementAndGet();
            SessionFilter.session(exchange).put("user", "ada");
            respond(exchange, "signed in");
        }).getFilters().add(new SessionFilter(manager));
        server.createContext("/me", exchange -> {
            handled.incrementAndGet();
            respond(exchange, String.valueOf(SessionFilter.session(exchange).get("user")));
        }).getFilters().add(new SessionFilter(manager));
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (manager != null) {
            manager.close();
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCrossSitePostRunsButGetsNoSessionCookie() throws Exception {
        start();
        HttpResponse<String> forged = send("POST", "/login", "Sec-Fetch-Site", "cross-site", "Origin", "http://localhost:1");
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(forged.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(forged.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        HttpResponse<String> own = send("POST", "/login", "Sec-Fetch-Site", "same-origin");
        assertThat(own.headers().firstValue("Set-Cookie")).isPresent();
        assertThat(manager.stats().crossSiteDrops()).isEqualTo(1);
    }

    @Test
    void theGuardAnswers403BeforeTheHandlerRuns() throws Exception {
        start("SESSION_CROSS_ORIGIN_PROTECTION", "true");
        HttpResponse<String> refused = send("POST", "/login", "Origin", "http://localhost:1");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).startsWith("403 Forbidden: cross-origin request refused: this POST request's Origin"
                + " (http://localhost:1) is not this site (127.0.0.1:");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(handled.get()).isZero();
        assertThat(send("GET", "/me", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/login", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionReadWithoutRefreshIsStillNoStore() throws Exception {
        start("SESSION_REFRESH_EACH_REQUEST", "false");
        String cookie = send("POST", "/login").headers().firstValue("Set-Cookie").orElseThrow();
        HttpResponse<String> read = send("GET", "/me", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(read.body()).isEqualTo("ada");
        assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(read.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    }
}
