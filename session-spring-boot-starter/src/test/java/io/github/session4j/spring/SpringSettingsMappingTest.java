package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code server.servlet.session.*} and {@code spring.data.redis.*} read for session4j. */
class SpringSettingsMappingTest {

    private static StandardEnvironment environment(Map<String, Object> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("application", new LinkedHashMap<>(values)));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static ServerSessionSettings server(Map<String, Object> values) {
        StandardEnvironment environment = environment(values);
        return ServerSessionSettings.read(environment, EnvironmentSessionConfig.of(environment));
    }

    @Test
    void settingsOfTheSameMeaningAreMapped() {
        ServerSessionSettings settings = server(Map.of("server.servlet.session.timeout", "15m",
                "server.servlet.session.cookie.name", "SHOP", "server.servlet.session.cookie.http-only", "true",
                "server.servlet.session.cookie.secure", "true", "server.servlet.session.cookie.same-site", "strict",
                "server.servlet.session.cookie.path", "/shop", "server.servlet.session.cookie.domain", "example.com"));
        assertThat(settings.mapped()).containsOnly(Map.entry("PERMANENT_SESSION_LIFETIME", "PT15M"),
                Map.entry("SESSION_COOKIE_NAME", "SHOP"), Map.entry("SESSION_COOKIE_HTTPONLY", "true"),
                Map.entry("SESSION_COOKIE_SECURE", "true"), Map.entry("SESSION_COOKIE_SAMESITE", "strict"),
                Map.entry("SESSION_COOKIE_PATH", "/shop"), Map.entry("SESSION_COOKIE_DOMAIN", "example.com"));
        assertThat(settings.infos()).contains("server.servlet.session.timeout=15m is used as PERMANENT_SESSION_LIFETIME");
        assertThat(settings.warnings()).isEmpty();
    }

    @Test
    void aTimeoutWithoutUnitIsInSecondsAsInBoot() {
        assertThat(server(Map.of("server.servlet.session.timeout", "900")).mapped())
                .containsEntry("PERMANENT_SESSION_LIFETIME", "PT15M");
    }

    @Test
    void session4jsOwnKeyWinsAndADifferentBootValueIsReported() {
        ServerSessionSettings settings = server(Map.of("server.servlet.session.timeout", "15m",
                "PERMANENT_SESSION_LIFETIME", "2h",
                "server.servlet.session.cookie.name", "SHOP", "session.cookie.name", "shop"));
        assertThat(settings.mapped()).isEmpty();
        assertThat(settings.warnings()).containsExactly(
                "server.servlet.session.timeout=15m is ignored: PERMANENT_SESSION_LIFETIME is set and wins");
    }

    @Test
    void settingsSession4jDoesNotHonourAreReported() {
        ServerSessionSettings settings = server(Map.of("server.servlet.session.cookie.max-age", "1h",
                "server.servlet.session.persistent", "true", "server.servlet.session.tracking-modes", "cookie,url",
                "server.servlet.session.cookie.same-site", "omitted"));
        assertThat(settings.mapped()).isEmpty();
        assertThat(settings.warnings()).containsExactly(
                "server.servlet.session.cookie.same-site=omitted is not honoured: session4j's cookie always has a"
                        + " SameSite attribute; set SESSION_COOKIE_SAMESITE to Strict, Lax or None",
                "server.servlet.session.cookie.max-age=1h is not honoured: session4j's cookie lasts as long as the"
                        + " session, PERMANENT_SESSION_LIFETIME; set SESSION_PERMANENT=false for a cookie that ends"
                        + " with the browser session",
                "server.servlet.session.persistent=true is not honoured: it persists the container's own sessions,"
                        + " which session4j replaces; session4j's sessions live in the store and survive a restart"
                        + " whenever the store does",
                "server.servlet.session.tracking-modes=cookie,url is not honoured: session4j tracks sessions by"
                        + " cookie only (and by SESSION_ID_HEADER for API clients), never by URL or SSL session");
    }

    @Test
    void springDataRedisHostPortAndCredentialsMakeTheUri() {
        SpringDataRedisSettings redis = SpringDataRedisSettings.read(environment(Map.of(
                "spring.data.redis.host", "cache.internal", "spring.data.redis.port", "6380",
                "spring.data.redis.username", "shop", "spring.data.redis.password", "p@ss:w/rd",
                "spring.data.redis.database", "2", "spring.data.redis.ssl.enabled", "true",
                "spring.data.redis.timeout", "500ms", "spring.data.redis.client-name", "shop-1")));
        assertThat(redis.settings()).containsOnly(
                Map.entry("SESSION_REDIS", "rediss://shop:p%40ss%3Aw%2Frd@cache.internal:6380/2"),
                Map.entry("SESSION_REDIS_COMMAND_TIMEOUT", "PT0.5S"),
                Map.entry("SESSION_REDIS_CLIENT_NAME", "shop-1"));
        assertThat(redis.summary()).isEqualTo("SESSION_REDIS=rediss://shop:****@cache.internal:6380/2");
    }

    @Test
    void springDataRedisUrlClusterAndSentinel() {
        assertThat(SpringDataRedisSettings.read(environment(Map.of("spring.data.redis.url", "redis://h:1/3")))
                .settings()).containsOnly(Map.entry("SESSION_REDIS", "redis://h:1/3"));
        assertThat(SpringDataRedisSettings.read(environment(Map.of("spring.data.redis.cluster.nodes", "a:1,b:2",
                "spring.data.redis.password", "pw"))).settings()).containsOnly(
                Map.entry("SESSION_REDIS_CLUSTER", "true"), Map.entry("SESSION_REDIS", "redis://:pw@a:1,redis://:pw@b:2"));
        assertThat(SpringDataRedisSettings.read(environment(Map.of("spring.data.redis.sentinel.master", "main",
                "spring.data.redis.sentinel.nodes", "s1:26379,s2:26379"))).settings())
                .containsOnly(Map.entry("SESSION_REDIS", "redis-sentinel://s1:26379,s2:26379/0?sentinelMasterId=main"));
    }

    @Test
    void springDataRedisSettingsThatLocateNothingAreNotUsed() {
        SpringDataRedisSettings redis = SpringDataRedisSettings.read(environment(Map.of("spring.data.redis.timeout", "2s")));
        assertThat(redis.located()).isFalse();
        assertThat(redis.settings()).isEmpty();
    }
}
