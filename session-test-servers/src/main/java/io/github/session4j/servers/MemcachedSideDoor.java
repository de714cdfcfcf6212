package io.github.session4j.servers;

import io.github.session4j.testkit.SideDoor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A side door into one memcached server, over memcached's own text protocol: {@code get} reads,
 * {@code ms} overwrites (keeping the TTL), {@code me} checks presence,
 * {@code lru_crawler metadump hash} lists keys and {@code mg key t} reads the remaining TTL.
 * memcached expires items by real time, so {@link #ttl} is the server's.
 */
public final class MemcachedSideDoor implements SideDoor {

    private final MemcachedServer server;

    /**
     * Opens the side door.
     *
     * @param server the server
     */
    public MemcachedSideDoor(MemcachedServer server) {
        this.server = server;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return server.rawGet(key).map(Map.Entry::getValue);
    }

    @Override
    public void write(String key, byte[] record) {
        if (!server.has(key)) {
            throw new IllegalStateException("no item under " + key + " on " + server.address() + " to overwrite");
        }
        server.overwrite(key, record);
    }

    @Override
    public boolean exists(String key) {
        return server.has(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return List.copyOf(server.keys(prefix));
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return server.ttl(key);
    }
}
