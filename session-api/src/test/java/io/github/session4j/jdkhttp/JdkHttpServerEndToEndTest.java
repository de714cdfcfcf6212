package io.github.session4j.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.session4j.CountingSessionInterface;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole lifecycle over real HTTP: the JDK's HttpServer with the filter, and java.net.http as the client. */
class JdkHttpServerEndToEndTest {

    private final CountingSessionInterface store =
            new CountingSessionInterface(new MemorySessionInterface(Clock.systemUTC()));
    private SessionManager manager;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        manager = SessionManager.builder(SessionConfig.builder().build()).backend("memory", store).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/set", exchange -> {
            String value = exchange.getRequestURI().getQuery();
            SessionFilter.session(exchange).put("value", value);
            respond(exchange, "set");
        }).getFilters().add(new SessionFilter(manager));
        server.createContext("/get", exchange -> {
            Object value = SessionFilter.session(exchange).get("value");
            respond(exchange, String.valueOf(value));
        }).getFilters().add(new SessionFilter(manager));
        server.createContext("/regenerate", exchange -> {
            SessionFilter.session(exchange).regenerate();
            respond(exchange, "regenerated");
        }).getFilters().add(new SessionFilter(manager));
        server.createContext("/logout", exchange -> {
            SessionFilter.session(exchange).invalidate();
            respond(exchange, "bye");
        }).getFilters().add(new SessionFilter(manager));
        server.createContext("/health", exchange -> respond(exchange, "ok")).getFilters().add(new SessionFilter(manager));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        manager.close();
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
        if (cookie != null) {
            request.header("Cookie", "session=" + cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String idOf(HttpResponse<String> response) {
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"));
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    @Test
    void valueSetInOneRequestIsReadInTheNext() throws Exception {
        String id = idOf(get("/set?hello", null));
        HttpResponse<String> read = get("/get", id);
        assertThat(read.body()).isEqualTo("hello");
        assertThat(read.headers().firstValue("Vary")).contains("Cookie");
    }

    @Test
    void regenerateChangesTheCookieAndTheOldOneGetsAFreshEmptySession() throws Exception {
        String oldId = idOf(get("/set?x", null));
        String newId = idOf(get("/regenerate", oldId));
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(get("/get", newId).body()).isEqualTo("x");
        assertThat(get("/get", oldId).body()).isEqualTo("null");
    }

    @Test
    void invalidateEndsTheSession() throws Exception {
        String id = idOf(get("/set?x", null));
        HttpResponse<String> logout = get("/logout", id);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get("/get", id).body()).isEqualTo("null");
    }

    @Test
    void tamperedOrRandomCookieGetsAFreshSessionWithoutAStoreCall() throws Exception {
        String id = idOf(get("/set?x", null));
        int before = store.total();
        HttpResponse<String> tampered = get("/get", id.substring(1) + "!");
        HttpResponse<String> random = get("/get", "../../etc/passwd");
        assertThat(tampered.body()).isEqualTo("null");
        assertThat(random.body()).isEqualTo("null");
        assertThat(store.total()).isEqualTo(before);
    }

    @Test
    void requestThatNeverTouchesTheSessionMakesNoStoreCall() throws Exception {
        String id = idOf(get("/set?x", null));
        int before = store.total();
        HttpResponse<String> health = get("/health", id);
        assertThat(health.body()).isEqualTo("ok");
        assertThat(health.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(store.total()).isEqualTo(before);
    }

    @Test
    void storeDownGivesA503WithoutSetCookie() throws Exception {
        String id = idOf(get("/set?x", null));
        store.setDown(true);
        HttpResponse<String> read = get("/get", id);
        HttpResponse<String> write = get("/set?y", null);
        assertThat(read.statusCode()).isEqualTo(503);
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(read.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(write.headers().firstValue("Set-Cookie")).isEmpty();
        store.setDown(false);
        assertThat(get("/get", id).body()).isEqualTo("x");
    }
}
