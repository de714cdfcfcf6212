package io.github.session4j.sample.webflux;

import io.github.session4j.servers.RedisServer;
import io.github.session4j.servers.TestServers;
import java.util.Map;
import java.util.UUID;

/** The journey with {@code --spring.profiles.active=redis}, on a redis-server of the test's own and its own key prefix. */
class RedisJourneyTest extends ReactiveJourney {

    private final RedisServer redis = TestServers.redis();
    private final String prefix = "webflux-sample:" + UUID.randomUUID() + ":";

    @Override
    String profile() {
        return "redis";
    }

    @Override
    Map<String, String> storeArguments() {
        return Map.of("session.redis", redis.uri(), "session.key.prefix", prefix);
    }
}
