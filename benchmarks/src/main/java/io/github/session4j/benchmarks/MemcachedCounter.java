package io.github.session4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * memcached's {@code stats}: round trips are {@code cmd_get + cmd_set + cmd_touch + delete_hits +
 * delete_misses} ({@code add} and {@code cas} count in {@code cmd_set}, {@code gat} in
 * {@code cmd_touch}).
 */
final class MemcachedCounter implements ServerCounter {

    private static final Set<String> COMMANDS = Set.of("cmd_get", "cmd_set", "cmd_touch", "delete_hits", "delete_misses");

    private final int port;

    MemcachedCounter(int port) {
        this.port = port;
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> stats = new TreeMap<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.getOutputStream().write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && (parts[1].startsWith("cmd_") || parts[1].startsWith("delete_"))) {
                    stats.put(parts[1], Long.parseLong(parts[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read memcached's stats on 127.0.0.1:" + port, e);
        }
        return stats;
    }

    @Override
    public long roundTrips(Map<String, Long> delta) {
        return delta.entrySet().stream().filter(e -> COMMANDS.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
