package io.github.session4j.redis;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.RoundTripCounter;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract kit against a standalone {@code redis-server} started by the tests, with the round
 * trips counted by the server's own {@code INFO commandstats}.
 */
class RedisCompatibilityTest extends SessionInterfaceCompatibilityKit {

    private static RedisConnection admin;

    @BeforeAll
    static void connect() {
        admin = RedisConnection.server(TestServers.redis().port());
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Override
    protected SessionInterfaceProvider provider() {
        return new RedisSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_REDIS", TestServers.redis().uri(),
                "SESSION_REDIS_CONNECT_TIMEOUT", "30s", "SESSION_REDIS_COMMAND_TIMEOUT", "5s");
    }

    @Override
    protected SideDoor sideDoor() {
        return new RedisSideDoor(admin);
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.SERVER_TTL;
    }

    @Override
    protected RoundTripCounter roundTripCounter() {
        return new CommandStats(List.of(admin));
    }
}
