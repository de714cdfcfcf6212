package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading and validating the settings; no server involved. */
class DynamoDbSettingsTest {

    private static DynamoDbSettings settings(Map<String, String> values) {
        SessionConfig config = SessionConfig.builder().putAll(values).build();
        return DynamoDbSettings.from(config, config.getString("SESSION_KEY_PREFIX", "session:"));
    }

    @Test
    void defaultsFollowFlaskSessionAndLeaveEndpointAndRegionToTheSdk() {
        DynamoDbSettings s = settings(Map.of());

        assertThat(s.endpoint()).isEmpty();
        assertThat(s.table()).isEqualTo("Sessions");
        assertThat(s.region()).isEmpty();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.maxAttempts()).isEqualTo(3);
        assertThat(s.createTable()).isTrue();
        assertThat(s.keyPrefix()).isEqualTo("session:");
        assertThat(s.describe()).isEqualTo("table Sessions (the SDK's region)");
    }

    @Test
    void everySettingIsRead() {
        DynamoDbSettings s = settings(Map.of(
                "SESSION_DYNAMODB", "http://127.0.0.1:4567",
                "SESSION_DYNAMODB_TABLE", "web.sessions-1",
                "SESSION_DYNAMODB_REGION", " EU-West-1 ",
                "SESSION_DYNAMODB_TIMEOUT", "1500ms",
                "SESSION_DYNAMODB_CONNECT_TIMEOUT", "300ms",
                "SESSION_DYNAMODB_MAX_ATTEMPTS", "1",
                "SESSION_DYNAMODB_CREATE_TABLE", "false",
                "SESSION_KEY_PREFIX", "app1:"));

        assertThat(s.endpoint()).contains(URI.create("http://127.0.0.1:4567"));
        assertThat(s.table()).isEqualTo("web.sessions-1");
        assertThat(s.region()).isEqualTo(Optional.of("eu-west-1"));
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(s.maxAttempts()).isEqualTo(1);
        assertThat(s.createTable()).isFalse();
        assertThat(s.keyPrefix()).isEqualTo("app1:");
        assertThat(s.describe()).isEqualTo("table web.sessions-1 at http://127.0.0.1:4567 (region eu-west-1)");
    }

    @Test
    void everyInvalidSettingIsReportedAtOnce() {
        assertThatThrownBy(() -> settings(Map.of(
                "SESSION_DYNAMODB", "dynamodb.eu-west-1.amazonaws.com",
                "SESSION_DYNAMODB_TABLE", "no",
                "SESSION_DYNAMODB_REGION", "Europe",
                "SESSION_DYNAMODB_TIMEOUT", "0s",
                "SESSION_DYNAMODB_CONNECT_TIMEOUT", "soon",
                "SESSION_DYNAMODB_MAX_ATTEMPTS", "0",
                "SESSION_DYNAMODB_CREATE_TABLE", "yes")))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the dynamodb backend (7 problems):\n"
                        + "  - SESSION_DYNAMODB was 'dynamodb.eu-west-1.amazonaws.com' but it must be an endpoint URL"
                        + " such as http://127.0.0.1:4567 or https://dynamodb.eu-west-1.amazonaws.com: http or https, a"
                        + " host, an optional port, no path, no user; leave it unset for the SDK's endpoint of the region\n"
                        + "  - SESSION_DYNAMODB_TABLE was 'no' but a DynamoDB table name must be 3 to 255 characters of"
                        + " A-Z, a-z, 0-9, '_', '-' and '.'\n"
                        + "  - SESSION_DYNAMODB_REGION was 'Europe' but it must be an AWS region name such as eu-west-1\n"
                        + "  - SESSION_DYNAMODB_TIMEOUT was '0s' but it must be a positive duration of at least 1ms,"
                        + " such as 500ms or 2s, and at most 1h\n"
                        + "  - SESSION_DYNAMODB_CONNECT_TIMEOUT was 'soon' but it must be a duration such as 500ms, 30s,"
                        + " 30m, 12h, 31d or PT30M\n"
                        + "  - SESSION_DYNAMODB_MAX_ATTEMPTS was '0' but it must be from 1 (no retry) to 10\n"
                        + "  - SESSION_DYNAMODB_CREATE_TABLE was 'yes' but it must be true or false");
    }

    @Test
    void anEndpointWithAUserOrAPathIsRefusedAndAPasswordIsNeverShown() {
        assertThatThrownBy(() -> settings(Map.of("SESSION_DYNAMODB", "https://key:s3cret@dynamodb.example")))
                .hasMessageContaining("SESSION_DYNAMODB was 'https://key:****@dynamodb.example' but it must be an endpoint")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> settings(Map.of("SESSION_DYNAMODB", "http://h:4567/tables")))
                .hasMessageContaining("no path");
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndListsItsKeys() {
        Set<String> names = ServiceLoader.load(SessionInterfaceProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        DynamoDbSessionInterfaceProvider provider = new DynamoDbSessionInterfaceProvider();

        assertThat(names).contains("dynamodb");
        assertThat(provider.name()).isEqualTo("dynamodb");
        assertThat(provider.artifact()).isEqualTo("io.github.session4j:session-dynamodb");
        assertThat(provider.configKeys()).containsExactlyInAnyOrder("SESSION_DYNAMODB", "SESSION_DYNAMODB_TABLE",
                "SESSION_DYNAMODB_REGION", "SESSION_DYNAMODB_TIMEOUT", "SESSION_DYNAMODB_CONNECT_TIMEOUT",
                "SESSION_DYNAMODB_MAX_ATTEMPTS", "SESSION_DYNAMODB_CREATE_TABLE");
    }

    @Test
    void aTypoInAKeyStopsStartUpWithADidYouMean() {
        SessionConfig config = SessionConfig.builder().putAll(Map.of("SESSION_TYPE", "dynamodb",
                "SESSION_DYNAMODB_TABEL", "Sessions")).build();

        assertThatThrownBy(() -> SessionManager.create(config))
                .isInstanceOf(SessionConfigException.class)
                .hasMessageContaining("SESSION_DYNAMODB_TABEL")
                .hasMessageContaining("SESSION_DYNAMODB_TABLE");
    }
}
