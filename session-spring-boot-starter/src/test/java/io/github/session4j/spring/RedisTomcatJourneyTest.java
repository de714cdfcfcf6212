package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.servers.TestServers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis located by Spring Boot's own {@code spring.data.redis.*} settings (no {@code session.redis}),
 * on Tomcat (declared by the application: with both on the classpath Boot picks Jetty), with
 * Actuator's health endpoint.
 */
@SpringBootTest(classes = {TestApp.class, RedisTomcatJourneyTest.Tomcat.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisTomcatJourneyTest extends SignedInJourneyContract {

    private static final RedisServer REDIS = TestServers.redis();
    private static final RedisConnection CONNECTION = RedisConnection.server(REDIS.port());
    private static final Map<String, Object> SETTINGS = Map.of(
            "session.type", "redis",
            "spring.data.redis.host", "127.0.0.1",
            "spring.data.redis.port", Integer.toString(REDIS.port()),
            "SESSION_KEY_PREFIX", "starter-" + UUID.randomUUID() + ":",
            "management.endpoint.health.show-components", "always",
            "management.endpoint.health.show-details", "always");

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
    void runsOnTomcatWithTheRedisThatSpringDataRedisSettingsName() {
        assertThat(context.getWebServer().getClass().getSimpleName()).isEqualTo("TomcatWebServer");
        assertThat(manager.backendName()).isEqualTo("redis");
        assertThat(manager.config().getString("SESSION_REDIS")).contains("redis://127.0.0.1:" + REDIS.port() + "/0");
        assertThat(((EnvironmentSessionConfig) manager.config()).origin("SESSION_REDIS")).contains("spring.data.redis.*");
    }

    @Test
    void healthEndpointShowsTheStore() {
        Browser.Response health = browser().get("/actuator/health/session4j");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"backend\":\"redis\"");
    }

    /** Tomcat, as an application chooses it. */
    @Configuration(proxyBeanMethods = false)
    static class Tomcat {

        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory();
        }
    }
}
