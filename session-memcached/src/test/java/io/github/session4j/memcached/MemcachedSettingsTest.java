package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.spy.memcached.FailureMode;
import org.junit.jupiter.api.Test;

/** Reading and validating the backend's settings; every problem is reported at once. */
class MemcachedSettingsTest {

    @Test
    void defaultsAreAOneSecondTimeoutAndRedistribution() {
        MemcachedSettings settings = settings(Map.of("SESSION_MEMCACHED", "10.0.0.1:11211, cache-2:11212,[::1]:11213"));

        assertThat(settings.servers()).containsExactly(
                InetSocketAddress.createUnresolved("10.0.0.1", 11211),
                InetSocketAddress.createUnresolved("cache-2", 11212),
                InetSocketAddress.createUnresolved("::1", 11213));
        assertThat(settings.operationTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.failureMode()).isEqualTo(FailureMode.Redistribute);
        assertThat(settings.keyPrefix()).isEqualTo("session:");
    }

    @Test
    void everySettingCanBeChangedInEitherSpelling() {
        MemcachedSettings settings = settings(Map.of(
                "session.memcached", "127.0.0.1:1",
                "session.memcached.operation.timeout", "250ms",
                "SESSION_MEMCACHED_CONNECT_TIMEOUT", "PT2S",
                "SESSION_MEMCACHED_FAILURE_MODE", "Cancel",
                "SESSION_KEY_PREFIX", "app1:"));

        assertThat(settings.operationTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.failureMode()).isEqualTo(FailureMode.Cancel);
        assertThat(settings.failureModeName()).isEqualTo("cancel");
        assertThat(settings.keyPrefix()).isEqualTo("app1:");
        assertThat(settings(Map.of("SESSION_MEMCACHED", "h:1", "SESSION_MEMCACHED_FAILURE_MODE", "retry")).failureMode())
                .isEqualTo(FailureMode.Retry);
    }

    @Test
    void theServerListIsRequiredWithNoLocalhostDefault() {
        assertThatThrownBy(() -> settings(Map.of()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the memcached backend (1 problem):\n  - " + "SESSION_MEMCACHED is not set but the memcached backend needs it: set it to"
                        + " host:port[,host:port...], such as 127.0.0.1:11211");
    }

    @Test
    void everyProblemIsReportedInOneMessage() {
        assertThatThrownBy(() -> settings(Map.of(
                "SESSION_MEMCACHED", "localhost,h:0,h:x,::1:11211,h:11211,h:11211",
                "SESSION_MEMCACHED_OPERATION_TIMEOUT", "soon",
                "SESSION_MEMCACHED_CONNECT_TIMEOUT", "0s",
                "SESSION_MEMCACHED_FAILURE_MODE", "ignore",
                "SESSION_KEY_PREFIX", "my app:")))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the memcached backend (9 problems):\n  - " + String.join("\n  - ", List.of(
                        "SESSION_MEMCACHED item 'localhost' must be host:port with a port from 1 to 65535, such as"
                                + " 127.0.0.1:11211 or [::1]:11211",
                        "SESSION_MEMCACHED item 'h:0' must be host:port with a port from 1 to 65535, such as"
                                + " 127.0.0.1:11211 or [::1]:11211",
                        "SESSION_MEMCACHED item 'h:x' must be host:port with a port from 1 to 65535, such as"
                                + " 127.0.0.1:11211 or [::1]:11211",
                        "SESSION_MEMCACHED item '::1:11211' must be host:port with a port from 1 to 65535, such as"
                                + " 127.0.0.1:11211 or [::1]:11211",
                        "SESSION_MEMCACHED lists 'h:11211' twice; list each server once",
                        "SESSION_MEMCACHED_OPERATION_TIMEOUT was 'soon' but it must be a duration such as 500ms, 30s,"
                                + " 30m, 12h, 31d or PT30M",
                        "SESSION_MEMCACHED_CONNECT_TIMEOUT was '0s' but it must be at least 1ms, such as 1s",
                        "SESSION_MEMCACHED_FAILURE_MODE was 'ignore' but it must be redistribute, cancel or retry",
                        "SESSION_KEY_PREFIX was 'my app:' but memcached keys cannot contain spaces or control"
                                + " characters: use a prefix such as session:")));
    }

    @Test
    void aPrefixThatLeavesNoRoomForTheHashedIdIsRefused() {
        assertThat(settings(Map.of("SESSION_MEMCACHED", "h:1", "SESSION_KEY_PREFIX", "p".repeat(207))).keyPrefix())
                .hasSize(207);
        assertThatThrownBy(() -> settings(Map.of("SESSION_MEMCACHED", "h:1", "SESSION_KEY_PREFIX", "p".repeat(208))))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the memcached backend (1 problem):\n  - " + "SESSION_KEY_PREFIX is 208 bytes long but memcached keys are at most 250 bytes and the hashed"
                        + " session ID takes 43: use a prefix of at most 207 bytes");
        assertThatThrownBy(() -> settings(Map.of("SESSION_MEMCACHED", "h:1", "SESSION_KEY_PREFIX", "tab\t:")))
                .hasMessage("Invalid session4j configuration of the memcached backend (1 problem):\n  - " + "SESSION_KEY_PREFIX was 'tab\\u0009:' but memcached keys cannot contain spaces or control"
                        + " characters: use a prefix such as session:");
    }

    private static MemcachedSettings settings(Map<String, String> values) {
        return MemcachedSettings.from(SessionConfig.builder().putAll(values).build(),
                values.getOrDefault("SESSION_KEY_PREFIX", "session:"));
    }
}
