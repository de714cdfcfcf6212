package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.TestServers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis named by {@code session.redis}, on Jetty (the application declares Jetty's factory). */
@SpringBootTest(classes = {TestApp.class, RedisJettyJourneyTest.Jetty.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisJettyJourneyTest extends SignedInJourneyContract {

    private static final RedisServer REDIS = TestServers.redis();
    private static final RedisConnection CONNECTION = RedisConnection.server(REDIS.port());
    private static final Map<String, Object> SETTINGS = Map.of(
            "session.type", "redis",
            "session.redis", REDIS.uri(),
            "session.key-prefix", "starter-" + UUID.randomUUID() + ":");

    @Autowired
    WebServerApplicationContext context;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        SETTINGS.forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void disconnect() {
        CONNECTION.close();
    }

    @Override
    boolean storeHas(String storeKey) {
        return new RedisSideDoor(CONNECTION).exists(storeKey);
    }

    @Test
    void runsOnJetty() {
        assertThat(context.getWebServer().getClass().getSimpleName()).isEqualTo("JettyServletWebServer");
        assertThat(manager.config().getString("SESSION_REDIS")).contains(REDIS.uri());
        assertThat(((EnvironmentSessionConfig) manager.config()).origin("SESSION_REDIS")).get().asString()
                .contains("session.redis");
    }

    /** Jetty instead of Tomcat, as an application chooses it. */
    @Configuration(proxyBeanMethods = false)
    static class Jetty {

        @Bean
        JettyServletWebServerFactory jetty() {
            return new JettyServletWebServerFactory();
        }
    }
}
