package io.github.session4j.reliability;

import io.github.session4j.memcached.MemcachedSessionInterfaceProvider;
import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.servers.MemcachedSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.SideDoor;
import java.time.Duration;
import java.util.Map;

/**
 * memcached: the {@code memcached} of the test JVM ({@link TestServers#memcached()}), and one of
 * the test's own for outages. The side door speaks memcached's text protocol over a socket of its
 * own ({@link MemcachedSideDoor}).
 */
final class MemcachedStore extends ServerProcessStore {

    private final SideDoor sideDoor = new MemcachedSideDoor(TestServers.memcached());

    MemcachedStore() {
        super("memcached", TestServers.memcached().process(), () -> MemcachedServer.start().process(),
                new MemcachedSessionInterfaceProvider());
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
        return sideDoor;
    }
}
