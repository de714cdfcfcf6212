package io.github.session4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"SECRET_KEY", "secret.key", "SECRET_KEY_FALLBACKS", "SESSION_REDIS_PASSWORD",
            "session.mongo.password", "SESSION_VAULT_TOKEN", "SESSION_CLIENT_SECRET"})
    void secretKeysAreMaskedWhole(String key) {
        assertThat(Secrets.isSecret(key)).isTrue();
        assertThat(Secrets.mask(key, "hunter2-hunter2")).isEqualTo("****");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis://user:pass@host:6379/0|redis://user:****@host:6379/0",
        "rediss://:pass@host|rediss://:****@host",
        "mongodb://u:p%40ss@h1:27017,h2:27017/db?replicaSet=rs|mongodb://u:****@h1:27017,h2:27017/db?replicaSet=rs",
        "jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true|jdbc:postgresql://db/app?user=app&password=****&ssl=true",
        "jdbc:mysql://app:s3cret@db:3306/app|jdbc:mysql://app:****@db:3306/app",
        "redis://host:6379|redis://host:6379",
        "memcached1:11211,memcached2:11211|memcached1:11211,memcached2:11211",
        "redis://a:x@h1,redis://b:y@h2|redis://a:****@h1,redis://b:****@h2"
    })
    void passwordsInsideUrisAreMasked(String value, String shown) {
        assertThat(Secrets.mask("SESSION_REDIS_URL", value)).isEqualTo(shown);
    }
}
