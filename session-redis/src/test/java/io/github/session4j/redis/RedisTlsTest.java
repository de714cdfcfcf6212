package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.Loopback;
import io.github.session4j.servers.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private static Path certs;
    private static RedisServer tls;

    @BeforeAll
    static void startTlsServer() {
        certs = Loopback.tempDir("tls-certs");
        openssl("req", "-x509", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=session4j test CA");
        openssl("req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        write("ext.cnf", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
        tls = RedisServer.start("tls", "--port", "0", "--tls-port", "{port}",
                "--tls-cert-file", certs.resolve("server.crt").toString(),
                "--tls-key-file", certs.resolve("server.key").toString(),
                "--tls-ca-cert-file", certs.resolve("ca.crt").toString(),
                "--tls-auth-clients", "no");
    }

    @AfterAll
    static void stopTlsServer() {
        if (tls != null) {
            tls.close();
        }
        Loopback.deleteTree(certs);
    }

    @Test
    void withTheTestCaTrustedEveryOperationWorksOverTls() {
        String prefix = TestKeys.uniquePrefix();
        try (RedisSessionInterface backend = TestKeys.backend(prefix, Map.of(
                "SESSION_REDIS", "rediss://127.0.0.1:" + tls.port(),
                "SESSION_REDIS_TLS_CA_FILE", certs.resolve("ca.crt").toString()))) {
            String key = TestKeys.key(prefix);
            assertThat(backend.create(key, "over tls".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1))).isTrue();
            long version = backend.loadAndTouch(key, Duration.ofMinutes(2)).orElseThrow().version();
            assertThat(backend.replace(key, "changed".getBytes(StandardCharsets.UTF_8), version, Duration.ofMinutes(2))).isTrue();
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

    private static void write(String name, String text) {
        try {
            Files.writeString(certs.resolve(name), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(RedisServer.binary("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run openssl: install it with `apt-get install openssl`", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
