package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.RedisTlsServer;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against a real {@code redis-server} that speaks only TLS, with a certificate
 * signed by a CA made for the test (with {@code openssl}): the peer is verified by default, and
 * {@code SESSION_REDIS_TLS_CA_FILE} makes the test CA trusted.
 */
class RedisTlsTest {

    private static RedisTlsServer tls;

    @BeforeAll
    static void startTlsServer() {
        tls = RedisTlsServer.start();
    }

    @AfterAll
    static void stopTlsServer() {
        if (tls != null) {
            tls.close();
        }
    }

    @Test
    void withTheTestCaTrustedEveryOperationWorksOverTls() {
        String prefix = TestKeys.uniquePrefix();
        try (RedisSessionInterface backend = TestKeys.backend(prefix, Map.of(
                "SESSION_REDIS", "rediss://127.0.0.1:" + tls.port(),
                "SESSION_REDIS_TLS_CA_FILE", tls.caFile().toString()))) {
            String key = TestKeys.key(prefix);
            assertThat(Writes.create(backend, key, "over tls".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1))).isTrue();
            long version = backend.loadAndTouch(key, Duration.ofMinutes(2)).orElseThrow().version();
            assertThat(Writes.replace(backend, key, "changed".getBytes(StandardCharsets.UTF_8), version, Duration.ofMinutes(2))).isTrue();
            assertThat(backend.load(key).orElseThrow().data()).isEqualTo("changed".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anUntrustedCertificateStopsStartUp() {
        assertThatThrownBy(() -> TestKeys.backend("s:", Map.of("SESSION_REDIS", "rediss://:pw@127.0.0.1:" + tls.port())))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Could not connect to Redis at rediss://:****@127.0.0.1:" + tls.port() + " within ")
                .hasMessageEndingWith("Check that Redis is running and reachable there, and the host, port, password"
                        + " and TLS scheme in SESSION_REDIS")
                .hasRootCauseMessage("unable to find valid certification path to requested target")
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
