package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.WriteConcern;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading and validating the settings; no server involved. */
class MongoSettingsTest {

    private static MongoSettings settings(Map<String, String> values) {
        SessionConfig config = SessionConfig.builder().putAll(values).build();
        return MongoSettings.from(config, config.getString("SESSION_KEY_PREFIX", "session:"));
    }

    private static MongoSettings settings(String connectionString) {
        return settings(Map.of("SESSION_MONGODB", connectionString));
    }

    @Test
    void defaultsFollowFlaskSessionAndAreSafe() {
        MongoSettings s = settings("mongodb://db.example:27017");

        assertThat(s.database()).isEqualTo("flask_session");
        assertThat(s.collection()).isEqualTo("sessions");
        assertThat(s.writeConcern()).isEqualTo(WriteConcern.MAJORITY);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.createIndexes()).isTrue();
        assertThat(s.keyPrefix()).isEqualTo("session:");
        assertThat(s.describe()).isEqualTo("flask_session.sessions at mongodb://db.example:27017");
    }

    @Test
    void everySettingIsRead() {
        MongoSettings s = settings(Map.of(
                "SESSION_MONGODB", "mongodb://a:1,b:2/?replicaSet=rs0",
                "SESSION_MONGODB_DB", "app",
                "SESSION_MONGODB_COLLECT", "web_sessions",
                "SESSION_MONGODB_WRITE_CONCERN", "w2",
                "SESSION_MONGODB_CONNECT_TIMEOUT", "1500ms",
                "SESSION_MONGODB_TIMEOUT", "2s",
                "SESSION_MONGODB_CREATE_INDEXES", "false",
                "SESSION_KEY_PREFIX", "app1:"));

        assertThat(s.connection().getHosts()).containsExactly("a:1", "b:2");
        assertThat(s.database()).isEqualTo("app");
        assertThat(s.collection()).isEqualTo("web_sessions");
        assertThat(s.writeConcern()).isEqualTo(new WriteConcern(2));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.createIndexes()).isFalse();
        assertThat(s.keyPrefix()).isEqualTo("app1:");
    }

    @Test
    void writeConcernNames() {
        assertThat(writeConcern("majority")).isEqualTo(WriteConcern.MAJORITY);
        assertThat(writeConcern("Acknowledged")).isEqualTo(WriteConcern.ACKNOWLEDGED);
        assertThat(writeConcern("journaled")).isEqualTo(WriteConcern.JOURNALED);
        assertThat(writeConcern("w1")).isEqualTo(WriteConcern.W1);
        assertThat(writeConcern("w3")).isEqualTo(WriteConcern.W3);
    }

    private static WriteConcern writeConcern(String value) {
        return settings(Map.of("SESSION_MONGODB", "mongodb://h", "SESSION_MONGODB_WRITE_CONCERN", value)).writeConcern();
    }

    @Test
    void theConnectionStringsOptionsApplyWhenTheSettingsAreUnset() {
        MongoSettings fromUri = settings("mongodb://h/?w=1&connectTimeoutMS=700&serverSelectionTimeoutMS=900");
        assertThat(fromUri.writeConcern()).isEqualTo(WriteConcern.W1);
        assertThat(fromUri.connectTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(fromUri.timeout()).isEqualTo(Duration.ofMillis(900));

        MongoSettings settingsWin = settings(Map.of(
                "SESSION_MONGODB", "mongodb://h/?w=1&connectTimeoutMS=700&serverSelectionTimeoutMS=900",
                "SESSION_MONGODB_WRITE_CONCERN", "majority",
                "SESSION_MONGODB_CONNECT_TIMEOUT", "3s",
                "SESSION_MONGODB_TIMEOUT", "4s"));
        assertThat(settingsWin.writeConcern()).isEqualTo(WriteConcern.MAJORITY);
        assertThat(settingsWin.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settingsWin.timeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theConnectionStringIsRequired() {
        assertThatThrownBy(() -> settings(Map.of()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the mongodb backend (1 problem):\n"
                        + "  - SESSION_MONGODB is not set: give the MongoDB connection string, such as"
                        + " mongodb://localhost:27017 or mongodb+srv://user:password@cluster.example.net;"
                        + " there is no default");
    }

    @Test
    void anInvalidConnectionStringIsReportedWithItsPasswordMasked() {
        assertThatThrownBy(() -> settings("mongodb://alice:s3cret@db.example:port/"))
                .isInstanceOf(SessionConfigException.class)
                .hasMessageStartingWith("Invalid session4j configuration of the mongodb backend (1 problem):\n"
                        + "  - SESSION_MONGODB was 'mongodb://alice:****@db.example:port/'"
                        + " but it is not a valid MongoDB connection string (")
                .hasMessageEndingWith("); expected a form such as"
                        + " mongodb://[user:password@]host[:port][,host2...][/authDatabase][?options]")
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> settings("postgres://alice:s3cret@db.example"))
                .isInstanceOf(SessionConfigException.class)
                .message().contains("SESSION_MONGODB was 'postgres://alice:****@db.example'").doesNotContain("s3cret");
    }

    @Test
    void secretsOfTheConnectionStringAreMasked() {
        assertThat(MongoSettings.mask("mongodb://user:pa:ss@h1:27017,h2:27017/admin?authSource=admin"))
                .isEqualTo("mongodb://user:****@h1:27017,h2:27017/admin?authSource=admin");
        assertThat(MongoSettings.mask("mongodb+srv://u:p@cluster.example.net/?authMechanism=MONGODB-AWS"
                + "&authMechanismProperties=AWS_SESSION_TOKEN:tok3n&appName=x"))
                .isEqualTo("mongodb+srv://u:****@cluster.example.net/?authMechanism=MONGODB-AWS"
                        + "&authMechanismProperties=****&appName=x");
        assertThat(MongoSettings.mask("mongodb://h1:27017,h2:27018")).isEqualTo("mongodb://h1:27017,h2:27018");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> settings(Map.of(
                "SESSION_MONGODB_DB", "my.db",
                "SESSION_MONGODB_COLLECT", "system.sessions",
                "SESSION_MONGODB_WRITE_CONCERN", "w0",
                "SESSION_MONGODB_CONNECT_TIMEOUT", "0s",
                "SESSION_MONGODB_TIMEOUT", "soon",
                "SESSION_MONGODB_CREATE_INDEXES", "yes")))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the mongodb backend (7 problems):\n"
                        + "  - SESSION_MONGODB is not set: give the MongoDB connection string, such as"
                        + " mongodb://localhost:27017 or mongodb+srv://user:password@cluster.example.net;"
                        + " there is no default\n"
                        + "  - SESSION_MONGODB_DB was 'my.db' but a MongoDB database name must be 1 to 63 characters"
                        + " without /\\. \"$*<>:|?\n"
                        + "  - SESSION_MONGODB_COLLECT was 'system.sessions' but a MongoDB collection name must not be"
                        + " empty, contain $ or start with 'system.'\n"
                        + "  - SESSION_MONGODB_WRITE_CONCERN was 'w0' but session writes must be acknowledged to tell"
                        + " a won save from a lost one: use majority, acknowledged, journaled or w1, w2, ..."
                        + " (a number of members)\n"
                        + "  - SESSION_MONGODB_CONNECT_TIMEOUT was '0s' but it must be a positive duration of at least"
                        + " 1ms, such as 500ms or 5s, and at most 24 days\n"
                        + "  - SESSION_MONGODB_TIMEOUT was 'soon' but it must be a duration such as 500ms, 30s, 30m,"
                        + " 12h, 31d or PT30M\n"
                        + "  - SESSION_MONGODB_CREATE_INDEXES was 'yes' but it must be true or false");
    }

    @Test
    void anUnknownWriteConcernAndAnUnacknowledgedOneInTheConnectionStringAreRefused() {
        assertThatThrownBy(() -> settings(Map.of("SESSION_MONGODB", "mongodb://h", "SESSION_MONGODB_WRITE_CONCERN", "all")))
                .hasMessageContaining("SESSION_MONGODB_WRITE_CONCERN was 'all' but it must be majority, acknowledged,"
                        + " journaled or w1, w2, ... (a number of members)");
        assertThatThrownBy(() -> settings("mongodb://h/?w=0"))
                .hasMessageContaining("SESSION_MONGODB asks for an unacknowledged write concern (w=0) but session"
                        + " writes must be acknowledged to tell a won save from a lost one: remove w=0 or set"
                        + " SESSION_MONGODB_WRITE_CONCERN");
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndListsItsKeys() {
        Set<String> names = ServiceLoader.load(SessionInterfaceProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        MongoSessionInterfaceProvider provider = new MongoSessionInterfaceProvider();

        assertThat(names).contains("mongodb");
        assertThat(provider.name()).isEqualTo("mongodb");
        assertThat(provider.artifact()).isEqualTo("io.github.session4j:session-mongo");
        assertThat(provider.configKeys()).containsExactlyInAnyOrder("SESSION_MONGODB", "SESSION_MONGODB_DB",
                "SESSION_MONGODB_COLLECT", "SESSION_MONGODB_WRITE_CONCERN", "SESSION_MONGODB_CONNECT_TIMEOUT",
                "SESSION_MONGODB_TIMEOUT", "SESSION_MONGODB_CREATE_INDEXES", "SESSION_MONGODB_WRITE_FENCE");
    }
}
