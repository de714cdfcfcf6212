package io.github.session4j.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} that speaks only TLS on a free loopback port, with a certificate for
 * {@code 127.0.0.1} and {@code localhost} signed by a CA made for it with {@code openssl}
 * (EC P-256, valid two days), in a temp dir deleted on {@link #close()}. Clients are not asked for
 * a certificate.
 */
public final class RedisTlsServer implements AutoCloseable {

    private final Path certs;
    private final RedisServer server;

    private RedisTlsServer(Path certs, RedisServer server) {
        this.certs = certs;
        this.server = server;
    }

    /**
     * Makes the CA and the server's certificate, and starts the server.
     *
     * @return the running server
     */
    public static RedisTlsServer start() {
        Path certs = Loopback.tempDir("tls-certs");
        try {
            openssl(certs, "req", "-x509", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=session4j test CA");
            openssl(certs, "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
            Files.writeString(certs.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            openssl(certs, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
            return new RedisTlsServer(certs, RedisServer.start("tls", "--port", "0", "--tls-port", "{port}",
                    "--tls-cert-file", certs.resolve("server.crt").toString(),
                    "--tls-key-file", certs.resolve("server.key").toString(),
                    "--tls-ca-cert-file", certs.resolve("ca.crt").toString(),
                    "--tls-auth-clients", "no"));
        } catch (IOException e) {
            Loopback.deleteTree(certs);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            Loopback.deleteTree(certs);
            throw e;
        }
    }

    /**
     * The TLS port.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * The CA certificate that signed the server's, for {@code SESSION_REDIS_TLS_CA_FILE}.
     *
     * @return the PEM file
     */
    public Path caFile() {
        return certs.resolve("ca.crt");
    }

    /** Kills the server and deletes its dir and the certificates. */
    @Override
    public void close() {
        server.close();
        Loopback.deleteTree(certs);
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(RedisServer.binary("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run openssl: install it with `apt-get install openssl`"
                    + " (scripts/services/redis.sh does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
