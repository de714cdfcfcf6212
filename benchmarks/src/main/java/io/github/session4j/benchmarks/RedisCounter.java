package io.github.session4j.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Redis' {@code INFO commandstats}: calls per command. Round trips are every command but
 * {@code INFO} (this counter's own) and {@code GETRANGE}/{@code PSETEX}/{@code TIME}, which only
 * run inside session-redis' write scripts (Redis counts a script's inner commands too; no target
 * here sends them on its own in a request: {@code TIME} is the write fence's reading of the server
 * clock, and session-redis' offset measurement sends it outside requests, on connect and every 30 s). Beside the calls, {@link #SERVER_USEC}: the server's time in the clients'
 * commands, in microseconds (a script's time includes its inner commands').
 */
final class RedisCounter implements ServerCounter {

    private static final Set<String> INNER_COMMANDS = Set.of("getrange", "psetex", "time");

    /** Not a command: the microseconds the server spent in the clients' commands (their inner ones included). */
    static final String SERVER_USEC = "server_usec";

    private static final Set<String> NOT_ROUND_TRIPS = Set.of("info", "getrange", "psetex", "time", SERVER_USEC);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RedisCounter(int port) {
        client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        connection = client.connect();
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> calls = new TreeMap<>();
        long usec = 0;
        for (String line : connection.sync().info("commandstats").split("\r?\n")) {
            // cmdstat_get:calls=21,usec=175,usec_per_call=8.33,...
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                calls.put(name, field(line, "calls="));
                if (!name.equals("info") && !INNER_COMMANDS.contains(name)) {
                    usec += field(line, "usec=");
                }
            }
        }
        calls.put(SERVER_USEC, usec);
        return calls;
    }

    private static long field(String line, String name) {
        int from = line.indexOf(name) + name.length();
        return Long.parseLong(line.substring(from, line.indexOf(',', from)));
    }

    @Override
    public long roundTrips(Map<String, Long> delta) {
        return delta.entrySet().stream().filter(e -> !NOT_ROUND_TRIPS.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
