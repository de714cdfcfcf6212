package io.github.session4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.TestServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's journey without a browser, over real HTTP, against every backend this machine can
 * run: sign in (with a new session ID), the dashboard sets the variable, {@code /session} shows it,
 * a restart of the app keeps it where the store outlives the process, the JSON API works (no
 * concurrent increment lost), sign-out ends it.
 */
class BackendJourneyTest {

    @TempDir
    Path dir;

    private RunningDemo demo;
    private Process memcached;
    private MongoServer mongo;

    @AfterEach
    void stop() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (memcached != null) {
            memcached.destroy();
            memcached.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void memory() throws Exception {
        journey(Map.of("SESSION_TYPE", "memory"), false);
    }

    @Test
    void jdbcOnH2InAFile() throws Exception {
        journey(DemoStores.h2(dir), true);
    }

    @Test
    void filesystem() throws Exception {
        journey(Map.of("SESSION_TYPE", "filesystem", "SESSION_FILE_DIR", dir.resolve("sessions").toString()), true);
    }

    @Test
    void mongodbOnMongoJavaServer() throws Exception {
        mongo = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        // One worker thread: mongo-java-server applies an update as a query and then a separate write
        // without a lock, so with several workers two conditional replaces of one version can both
        // win. Real MongoDB is atomic per document; a single worker gives the test server that property.
        mongo.bind(new InetSocketAddress("127.0.0.1", 0), 1, 1);
        journey(Map.of("SESSION_TYPE", "mongodb",
                "SESSION_MONGODB", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort()), true);
    }

    @Test
    void dynamodbOnDynalite() throws Exception {
        journey(Map.of("SESSION_TYPE", "dynamodb", "SESSION_DYNAMODB", TestServers.dynalite().endpoint(),
                "SESSION_DYNAMODB_REGION", DynaliteServer.REGION,
                "SESSION_DYNAMODB_TABLE", "demo_journey_" + UUID.randomUUID()), true);
    }

    @Test
    void redis() throws Exception {
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", 6379)) {
            assertThat(probe.isConnected()).isTrue();
        } catch (IOException e) {
            throw new AssertionError("Redis is not running on 127.0.0.1:6379; start it with "
                    + "'redis-server --port 6379 --daemonize yes' (bash scripts/test.sh does)", e);
        }
        journey(Map.of("SESSION_TYPE", "redis", "SESSION_REDIS", "redis://127.0.0.1:6379",
                "SESSION_KEY_PREFIX", "demo-journey-" + UUID.randomUUID() + ":"), true);
    }

    @Test
    void memcached() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try {
            memcached = new ProcessBuilder("memcached", "-u", "nobody", "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0", "-m", "16")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("memcached.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("memcached is not installed; bash scripts/services/memcached.sh installs it", e);
        }
        journey(Map.of("SESSION_TYPE", "memcached", "SESSION_MEMCACHED", "127.0.0.1:" + port,
                "SESSION_MEMCACHED_CONNECT_TIMEOUT", "10s"), true);
    }

    private void journey(Map<String, String> settings, boolean durable) throws Exception {
        demo = new RunningDemo(SessionConfig.builder().putAll(settings).build());
        Visitor visitor = new Visitor(demo);

        HttpResponse<String> health = visitor.get("/health");
        assertThat(health.body()).contains("\"status\":\"ok\"");
        assertThat(health.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(visitor.get("/session").headers().firstValue("Location")).contains("/login");
        assertThat(visitor.postForm("/login", "username=ada&password=wrong&csrf=" + visitor.csrf("/login")).statusCode()).isEqualTo(401);

        visitor.send("POST", "/api/counter", null, null);
        String before = visitor.sessionCookie();
        HttpResponse<String> signIn = visitor.postForm("/login", "username=ada&password=ada-lovelace-1815&csrf=" + visitor.csrf("/login"));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(visitor.sessionCookie()).isNotNull().isNotEqualTo(before);

        assertThat(visitor.get("/dashboard").body()).contains("Welcome, ada.");
        assertThat(visitor.get("/session").body()).contains("This is a session variable.");
        String inspect = visitor.get("/inspect").body();
        assertThat(inspect).contains(demo.manager().backendName())
                .contains(demo.manager().storeKey(visitor.sessionCookie()))
                .doesNotContain(visitor.sessionCookie())
                .contains("redis_test");

        if (durable) {
            demo.restart();
            assertThat(visitor.get("/session").body()).contains("This is a session variable.");
        }

        api(visitor);

        String signedIn = visitor.sessionCookie();
        assertThat(visitor.postForm("/logout", "csrf=" + visitor.csrf("/dashboard")).headers().firstValue("Location")).contains("/login");
        assertThat(visitor.sessionCookie()).isNull();
        visitor.sessionCookie(signedIn);
        assertThat(visitor.get("/session").headers().firstValue("Location")).contains("/login");
    }

    private static void api(Visitor visitor) throws Exception {
        assertThat(visitor.send("PUT", "/api/session/color", "application/json", "\"blue\"").body())
                .isEqualTo("{\"key\":\"color\",\"value\":\"blue\"}");
        assertThat(visitor.send("PUT", "/api/session/user", "application/json", "\"grace\"").statusCode()).isEqualTo(403);
        assertThat(visitor.get("/api/session").body()).contains("\"color\":\"blue\"").contains("\"user\":\"ada\"");
        assertThat(visitor.send("DELETE", "/api/session/color", null, null).body())
                .isEqualTo("{\"key\":\"color\",\"removed\":\"blue\"}");

        int start = ((Number) Json.MAPPER.readValue(visitor.send("POST", "/api/counter", null, null).body(), Map.class)
                .get("counter")).intValue();
        int increments = 20;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < increments; i++) {
                answers.add(pool.submit(() -> visitor.send("POST", "/api/counter", null, null)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(visitor.get("/api/session").body()).contains("\"counter\":" + (start + increments));
    }
}
