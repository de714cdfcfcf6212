package io.github.session4j.reliability;

import io.github.session4j.memcached.MemcachedSessionInterfaceProvider;
import io.github.session4j.reliability.servers.ServerProcess;
import io.github.session4j.testkit.SideDoor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * memcached: a {@code memcached} of the suite's own. The side door speaks memcached's text
 * protocol over a socket of its own: {@code get}, {@code mg} and {@code ms} (which keeps the
 * remaining TTL), and {@code lru_crawler metadump hash} to list keys.
 */
final class MemcachedStore extends ServerProcessStore {

    private static final long THIRTY_DAYS_SECONDS = 30L * 24 * 3600;


    MemcachedStore() {
        super("memcached", ServerProcess::memcached, new MemcachedSessionInterfaceProvider());
    }

    @Override
    Map<String, String> settingsForPort(int port) {
        return Map.of("SESSION_MEMCACHED", "127.0.0.1:" + port);
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_MEMCACHED_OPERATION_TIMEOUT", timeout.toMillis() + "ms");
    }

    @Override
    SideDoor sideDoor() {
        return new SideDoor() {
            @Override
            public Optional<byte[]> read(String key) {
                return talk(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII), in -> {
                    String header = line(in);
                    if (header.equals("END")) {
                        return Optional.empty();
                    }
                    int length = Integer.parseInt(header.substring(header.lastIndexOf(' ') + 1));
                    return Optional.of(in.readNBytes(length));
                });
            }

            @Override
            public void write(String key, byte[] record) {
                long ttl = ttl(key).orElseThrow(() -> new IllegalStateException("no record under " + key
                        + " to overwrite")).toSeconds();
                // memcached reads an expiration over 30 days as an absolute Unix time
                long expiration = ttl > THIRTY_DAYS_SECONDS ? System.currentTimeMillis() / 1000 + ttl : Math.max(ttl, 1);
                ByteArrayOutputStream command = new ByteArrayOutputStream();
                command.writeBytes(("ms " + key + " " + record.length + " T" + expiration + " F0\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                command.writeBytes(record);
                command.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = talk(command.toByteArray(), MemcachedStore::line);
                if (!answer.startsWith("HD")) {
                    throw new IllegalStateException("memcached answered '" + answer + "' to ms " + key);
                }
            }

            @Override
            public boolean exists(String key) {
                return talk(("mg " + key + "\r\n").getBytes(StandardCharsets.US_ASCII), MemcachedStore::line)
                        .startsWith("HD");
            }

            @Override
            public List<String> keys(String prefix) {
                return talk("lru_crawler metadump hash\r\n".getBytes(StandardCharsets.US_ASCII), in -> {
                    List<String> keys = new ArrayList<>();
                    for (String line = line(in); !line.equals("END") && !line.isEmpty(); line = line(in)) {
                        if (line.startsWith("key=")) {
                            String key = URLDecoder.decode(line.substring(4, line.indexOf(' ')), StandardCharsets.UTF_8);
                            if (key.startsWith(prefix)) {
                                keys.add(key);
                            }
                        }
                    }
                    return keys;
                });
            }

            @Override
            public Optional<Duration> ttl(String key) {
                String answer = talk(("mg " + key + " t\r\n").getBytes(StandardCharsets.US_ASCII), MemcachedStore::line);
                if (!answer.startsWith("HD t") || answer.equals("HD t-1")) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofSeconds(Long.parseLong(answer.substring(4).split(" ")[0])));
            }
        };
    }

    /** What to read from the server's answer. */
    private interface Answer<T> {
        T read(InputStream in) throws IOException;
    }

    private <T> T talk(byte[] command, Answer<T> answer) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(command);
            out.flush();
            return answer.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to memcached on port " + server.port(), e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
