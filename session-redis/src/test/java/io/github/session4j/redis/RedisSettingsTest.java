package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings: defaults, validation with every problem in one message, password masking. No server needed. */
class RedisSettingsTest {

    private static RedisSettings settings(String... keyValues) {
        SessionConfig.Builder builder = SessionConfig.builder();
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.put(keyValues[i], keyValues[i + 1]);
        }
        return RedisSettings.from(builder.build());
    }

    @Test
    void theProviderIsFoundByServiceLoaderAsRedis() {
        assertThat(ServiceLoader.load(SessionInterfaceProvider.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(p -> p.name().equals("redis"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p).isInstanceOf(RedisSessionInterfaceProvider.class);
                    assertThat(p.artifact()).isEqualTo("io.github.session4j:session-redis");
                    assertThat(p.configKeys()).containsExactlyInAnyOrder("SESSION_REDIS", "SESSION_REDIS_CLUSTER",
                            "SESSION_REDIS_CONNECT_TIMEOUT", "SESSION_REDIS_COMMAND_TIMEOUT", "SESSION_REDIS_CLIENT_NAME",
                            "SESSION_REDIS_TLS_CA_FILE");
                });
    }

    @Test
    void defaults() {
        RedisSettings s = settings("SESSION_REDIS", "redis://localhost:6379/2");

        assertThat(s.cluster()).isFalse();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.clientName()).isEqualTo("session4j");
        assertThat(s.uris()).singleElement().satisfies(uri -> {
            assertThat(uri.getDatabase()).isEqualTo(2);
            assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(uri.getClientName()).isEqualTo("session4j");
        });
    }

    @Test
    void anUnsetUriIsAnErrorNeverLocalhost() {
        assertThatThrownBy(() -> settings())
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the redis backend (1 problem):\n"
                        + "  - SESSION_REDIS is not set: give the Redis URI, such as redis://localhost:6379/0"
                        + " (rediss:// for TLS, redis-sentinel://host1:26379,host2:26379?sentinelMasterId=mymaster"
                        + " for Sentinel), or a comma-separated list of node URIs with SESSION_REDIS_CLUSTER=true;"
                        + " there is no default");
    }

    @Test
    void everyProblemIsReportedInOneMessage() {
        assertThatThrownBy(() -> settings("SESSION_REDIS", "http://localhost", "SESSION_REDIS_CLUSTER", "maybe",
                "SESSION_REDIS_CONNECT_TIMEOUT", "soon", "SESSION_REDIS_COMMAND_TIMEOUT", "0s",
                "SESSION_REDIS_CLIENT_NAME", "my app"))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the redis backend (5 problems):\n"
                        + "  - SESSION_REDIS_CLUSTER was 'maybe' but it must be true or false\n"
                        + "  - SESSION_REDIS_CONNECT_TIMEOUT was 'soon' but it must be a duration such as 500ms, 30s, 30m, 12h, 31d or PT30M\n"
                        + "  - SESSION_REDIS_COMMAND_TIMEOUT was '0s' but it must be a positive duration such as 500ms or 2s\n"
                        + "  - SESSION_REDIS_CLIENT_NAME was 'my app' but it must be 1 to 64 printable ASCII characters without spaces\n"
                        + "  - SESSION_REDIS was 'http://localhost' but it must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://");
    }

    @Test
    void severalUrisWithoutClusterModeAreRefusedWithTheFix() {
        assertThatThrownBy(() -> settings("SESSION_REDIS", "redis://a:7000,redis://b:7001"))
                .hasMessageContaining("SESSION_REDIS was 'redis://a:7000,redis://b:7001', a list of several URIs,"
                        + " but SESSION_REDIS_CLUSTER is false: set SESSION_REDIS_CLUSTER=true for a Redis Cluster or give one URI");
    }

    @Test
    void clusterNodesAreParsedOneByOneAndMustBePlainRedisUris() {
        RedisSettings s = settings("SESSION_REDIS", "redis://a:7000, rediss://b:7001", "SESSION_REDIS_CLUSTER", "true");
        assertThat(s.cluster()).isTrue();
        assertThat(s.uris()).extracting(uri -> uri.getHost() + ":" + uri.getPort() + ":" + uri.isSsl())
                .containsExactly("a:7000:false", "b:7001:true");

        assertThatThrownBy(() -> settings("SESSION_REDIS", "redis://a:7000,redis-sentinel://s:26379?sentinelMasterId=m",
                "SESSION_REDIS_CLUSTER", "true"))
                .hasMessageContaining("SESSION_REDIS was 'redis-sentinel://s:26379?sentinelMasterId=m' but it must start"
                        + " with redis:// or rediss:// (a Redis Cluster node)");
        assertThatThrownBy(() -> settings("SESSION_REDIS", "redis://a:7000/3", "SESSION_REDIS_CLUSTER", "true"))
                .hasMessageContaining("SESSION_REDIS node 'redis://a:7000/3' selects database 3 but a Redis Cluster"
                        + " has only database 0: remove the database from the URI");
    }

    @Test
    void aSentinelUriNeedsTheMasterName() {
        RedisSettings s = settings("SESSION_REDIS", "redis-sentinel://h1:26379,h2:26380?sentinelMasterId=mymaster");
        assertThat(s.uris()).singleElement().satisfies(uri -> {
            assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
            assertThat(uri.getSentinels()).hasSize(2);
        });

        assertThatThrownBy(() -> settings("SESSION_REDIS", "redis-sentinel://h1:26379"))
                .hasMessageContaining("SESSION_REDIS was 'redis-sentinel://h1:26379' but a Sentinel URI must name the master,"
                        + " such as redis-sentinel://host1:26379,host2:26379?sentinelMasterId=mymaster");
    }

    @Test
    void aTlsUriTurnsOnTls() {
        assertThat(settings("SESSION_REDIS", "rediss://cache.example:6380").uris().get(0).isSsl()).isTrue();
        assertThat(settings("SESSION_REDIS", "rediss://cache.example:6380").tlsCaFile()).isNull();
    }

    @Test
    void theTlsCaFileMustBeReadableAndGoWithATlsUri(@TempDir Path dir)
            throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "pem");
        assertThat(settings("SESSION_REDIS", "rediss://h:1", "SESSION_REDIS_TLS_CA_FILE", ca.toString()).tlsCaFile())
                .isEqualTo(ca);

        assertThatThrownBy(() -> settings("SESSION_REDIS", "rediss://h:1", "SESSION_REDIS_TLS_CA_FILE", dir.resolve("nope.crt").toString()))
                .hasMessageContaining("SESSION_REDIS_TLS_CA_FILE was '" + dir.resolve("nope.crt") + "' but that is not a readable"
                        + " file; give the path of the PEM certificate(s) of the CA that signed the Redis server's certificate");
        assertThatThrownBy(() -> settings("SESSION_REDIS", "redis://h:1", "SESSION_REDIS_TLS_CA_FILE", ca.toString()))
                .hasMessageContaining("SESSION_REDIS_TLS_CA_FILE is set but SESSION_REDIS does not use TLS:"
                        + " use rediss:// (or rediss-sentinel://)");
    }

    @Test
    void passwordsAreMaskedInMessagesAndInTheTarget() {
        assertThat(settings("SESSION_REDIS", "redis://app:s3cret@localhost:6379").target())
                .isEqualTo("redis://app:****@localhost:6379");
        assertThatThrownBy(() -> settings("SESSION_REDIS", "redis://:s3cret@a:1,redis://:s3cret@b:2"))
                .hasMessageContaining("'redis://:****@a:1,redis://:****@b:2'")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> settings("SESSION_REDIS", "redis://s3cret@bad host:1"))
                .hasMessageContaining("SESSION_REDIS was 'redis://****@bad host:1' but it is not a valid Redis URI")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void maskingCoversEveryUserInfoForm() {
        assertThat(UriMasking.mask("redis://pw@h:1")).isEqualTo("redis://****@h:1");
        assertThat(UriMasking.mask("rediss://user:pw@h:1/0")).isEqualTo("rediss://user:****@h:1/0");
        assertThat(UriMasking.mask("redis-sentinel://:pw@s1:26379,s2:26379?sentinelMasterId=m"))
                .isEqualTo("redis-sentinel://:****@s1:26379,s2:26379?sentinelMasterId=m");
        assertThat(UriMasking.mask("redis://h:1")).isEqualTo("redis://h:1");
    }

    @Test
    void keysAreReadInEitherSpelling() {
        RedisSettings s = settings("session.redis", "redis://h:1", "session.redis.command.timeout", "250ms");
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofMillis(250));
    }
}
