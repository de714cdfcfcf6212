package io.github.session4j.sample.boot;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.SideDoor;
import java.util.Map;

/** The sample's journeys with {@code --spring.profiles.active=redis}, on a redis-server of the tests' own. */
class RedisSampleTest extends SampleJourneys {

    private final RedisServer redis = TestServers.redis();
    private RedisConnection connection;

    @Override
    String profile() {
        return "redis";
    }

    @Override
    Map<String, String> storeArguments() {
        return Map.of("session.redis", redis.uri(), "session.key.prefix", ownPrefix());
    }

    @Override
    SideDoor openStore() {
        connection = RedisConnection.server(redis.port());
        return new RedisSideDoor(connection);
    }

    @Override
    void closeStore() {
        if (connection != null) {
            connection.close();
        }
    }
}
