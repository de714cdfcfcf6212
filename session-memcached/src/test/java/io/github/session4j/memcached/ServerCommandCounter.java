package io.github.session4j.memcached;

import io.github.session4j.servers.MemcachedServer;
import java.util.List;

/**
 * Counts the commands memcached servers have executed, from their own {@code stats}: every get,
 * gets and meta get ({@code cmd_get}), every store including add and cas ({@code cmd_set}), every
 * touch and get-and-touch ({@code cmd_touch}) and every delete ({@code delete_hits} +
 * {@code delete_misses}). Each session command is exactly one of these.
 */
final class ServerCommandCounter {

    private static final List<String> COMMAND_STATS =
            List.of("cmd_get", "cmd_set", "cmd_touch", "delete_hits", "delete_misses");

    private final List<MemcachedServer> servers;

    ServerCommandCounter(List<MemcachedServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * The number of commands the servers have executed so far.
     *
     * @return the sum over all servers
     */
    long count() {
        long total = 0;
        for (MemcachedServer server : servers) {
            var stats = server.stats();
            for (String name : COMMAND_STATS) {
                total += Long.parseLong(stats.get(name));
            }
        }
        return total;
    }
}
