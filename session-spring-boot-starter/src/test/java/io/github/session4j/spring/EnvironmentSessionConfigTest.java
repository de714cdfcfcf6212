package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.config.ConfigSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class EnvironmentSessionConfigTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    EnvironmentSessionConfigTest() {
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    }

    private void addLast(String name, Map<String, Object> values) {
        environment.getPropertySources().addLast(new MapPropertySource(name, new LinkedHashMap<>(values)));
    }

    @Test
    void readsEitherSpellingAndListsOnlySession4jKeys() {
        addLast("application", Map.of("session.type", "redis", "session.cookie-name", "sid", "SECRET_KEY", "k",
                "permanent.session.lifetime", "2h", "server.port", "8080", "spring.application.name", "shop"));
        EnvironmentSessionConfig config = EnvironmentSessionConfig.of(environment);
        assertThat(config.keys()).containsExactly("PERMANENT_SESSION_LIFETIME", "SECRET_KEY", "SESSION_COOKIE_NAME",
                "SESSION_TYPE");
        assertThat(config.getString("SESSION_TYPE")).contains("redis");
        assertThat(config.getString("session.cookie.name")).contains("sid");
        assertThat(config.origin("SESSION_TYPE")).contains("'session.type' in application");
        assertThat(config.toString()).contains("SECRET_KEY=****").doesNotContain("=k,").doesNotContain("=k}");
    }

    @Test
    void theStrongestSourceDecidesAndABlankThereUnsetsTheKey() {
        addLast("strong", Map.of("session.cookie.name", "strong", "session.cookie.domain", " "));
        addLast("weak", Map.of("SESSION_COOKIE_NAME", "weak", "session.cookie.domain", "example.com",
                "session.cookie.path", "/app"));
        EnvironmentSessionConfig config = EnvironmentSessionConfig.of(environment);
        assertThat(config.getString("SESSION_COOKIE_NAME")).contains("strong");
        assertThat(config.getString("SESSION_COOKIE_DOMAIN")).isEmpty();
        assertThat(config.keys()).doesNotContain("SESSION_COOKIE_DOMAIN");
        assertThat(config.getString("SESSION_COOKIE_PATH")).contains("/app");
    }

    @Test
    void withinOneSourceTheUpperSnakeCaseSpellingWins() {
        addLast("application", Map.of("session.cookie.name", "dotted", "SESSION_COOKIE_NAME", "snake"));
        assertThat(EnvironmentSessionConfig.of(environment).getString("session.cookie.name")).contains("snake");
    }

    @Test
    void aYamlListIsACommaSeparatedList() {
        addLast("application.yaml", Map.of("secret.key.fallbacks[0]", "old-1", "secret.key.fallbacks[1]", "old-2",
                "secret.key.fallbacks[10]", "old-3"));
        EnvironmentSessionConfig config = EnvironmentSessionConfig.of(environment);
        assertThat(config.getList("SECRET_KEY_FALLBACKS")).containsExactly("old-1", "old-2", "old-3");
        assertThat(config.keys()).containsExactly("SECRET_KEY_FALLBACKS");
    }

    @Test
    void environmentVariablesAreMarkedAsSoSoThatUnknownOnesAreOnlyWarnings() {
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SESSION_MANAGER", "local/host:@/tmp/.ICE-unix/1", "SESSION_TYPE", "memory")));
        addLast("application", Map.of("session.cookie.name", "sid"));
        EnvironmentSessionConfig config = EnvironmentSessionConfig.of(environment);
        assertThat(config.source("SESSION_MANAGER")).contains(ConfigSource.ENVIRONMENT);
        assertThat(config.source("SESSION_COOKIE_NAME")).isEmpty();
    }

    @Test
    void placeholdersAreResolved() {
        addLast("application", Map.of("session.cookie.name", "${app.cookie}", "app.cookie", "shop"));
        assertThat(EnvironmentSessionConfig.of(environment).getString("SESSION_COOKIE_NAME")).contains("shop");
    }

    @Test
    void derivedValuesFillOnlyUnsetKeys() {
        addLast("application", Map.of("session.cookie.name", "own"));
        EnvironmentSessionConfig config = EnvironmentSessionConfig.of(environment)
                .withDefaults(Map.of("SESSION_COOKIE_NAME", "derived", "SESSION_COOKIE_PATH", "/shop"), "derived.*");
        assertThat(config.getString("SESSION_COOKIE_NAME")).contains("own");
        assertThat(config.getString("SESSION_COOKIE_PATH")).contains("/shop");
        assertThat(config.origin("SESSION_COOKIE_PATH")).contains("derived.*");
        assertThat(config.describe(java.util.List.of())).contains("SESSION_COOKIE_PATH = /shop  (from derived.*)");
    }
}
