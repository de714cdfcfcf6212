package io.github.session4j.memcached;

import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.servers.MemcachedSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.RoundTripCounter;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.List;
import java.util.Map;

/** The contract kit against one real memcached, with the budget counted in the server's own stats. */
class MemcachedCompatibilityTest extends SessionInterfaceCompatibilityKit {

    private final MemcachedServer server = TestServers.memcached();

    @Override
    protected SessionInterfaceProvider provider() {
        return new MemcachedSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_MEMCACHED", server.address());
    }

    @Override
    protected SideDoor sideDoor() {
        return new MemcachedSideDoor(server);
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.SERVER_TTL;
    }

    @Override
    protected RoundTripCounter roundTripCounter() {
        return new ServerCommandCounter(List.of(server))::count;
    }
}
