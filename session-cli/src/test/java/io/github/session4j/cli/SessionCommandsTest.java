package io.github.session4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.StoredRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code count}, {@code sweep}, {@code inspect} and {@code delete} on sessions an application made. */
class SessionCommandsTest {

    @TempDir
    Path dir;

    private SessionManager redis;

    @AfterEach
    void clearRedis() {
        if (redis != null) {
            Stores.clear(redis);
            redis.close();
        }
    }

    private Path filesystemConfig(Map<String, String> settings) {
        return Stores.write(dir.resolve("session.properties"), settings);
    }

    @Test
    void countInspectAndDeleteOnTheFilesystem() {
        Map<String, String> settings = Stores.filesystem(dir.resolve("files"), Stores.prefix());
        Path config = filesystemConfig(settings);
        String id;
        try (SessionManager app = Stores.open(settings)) {
            id = Stores.newSession(app, Map.of("cart", List.of("apple", "pear"), "visits", 3, "api_token", "tok-123-secret",
                    "profile", new java.util.TreeMap<>(Map.of("name", "Ada", "password", "pw-456"))));
            Stores.newSession(app, Map.of("visits", 1));
        }

        Cli.Result count = Cli.run("count", "--config", config.toString());
        assertThat(count.exitCode()).as("%s", count).isZero();
        assertThat(count.out()).isEqualTo("2 live sessions (filesystem)\n");

        Cli.Result inspect = Cli.run("inspect", "--config", config.toString(), "--", id);
        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        assertThat(inspect.out()).contains("created: ", "expires: ", "principal: (nobody signed in)", "MAC: verified",
                "values (4):", "  cart = [apple, pear]", "  visits = 3", "  api_token = ****", "  profile = {name=Ada, password=****}")
                .doesNotContain("tok-123-secret", "pw-456", id);

        Cli.Result json = Cli.run("inspect", "--json", "--config", config.toString(), "--", id);
        assertThat(json.exitCode()).as("%s", json).isZero();
        assertThat(json.out()).startsWith("{\"ok\":true,\"exitCode\":0,\"key\":\"" + settings.get("SESSION_KEY_PREFIX"))
                .contains("\"cart\":[\"apple\",\"pear\"]", "\"visits\":3", "\"api_token\":\"****\"", "\"mac\":\"verified\"",
                        "\"principal\":null").doesNotContain("tok-123-secret", "pw-456");

        Cli.Result delete = Cli.run("delete", "--config", config.toString(), "--", id);
        assertThat(delete.exitCode()).as("%s", delete).isZero();
        assertThat(delete.out()).startsWith("deleted the session under key " + settings.get("SESSION_KEY_PREFIX"));

        assertThat(Cli.run("delete", "--config", config.toString(), "--", id).exitCode()).isEqualTo(1);
        Cli.Result gone = Cli.run("inspect", "--config", config.toString(), "--", id);
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).startsWith("No live session has this ID in filesystem");
        assertThat(Cli.run("count", "--config", config.toString()).out()).isEqualTo("1 live sessions (filesystem)\n");
    }

    @Test
    void anIdThatBeginsWithADashIsTakenAfterTwoDashes() {
        Map<String, String> settings = Stores.filesystem(dir.resolve("files"), Stores.prefix());
        Path config = filesystemConfig(settings);
        String id = null;
        try (SessionManager app = Stores.open(settings)) {
            // about one ID in 64 begins with '-'
            for (int i = 0; i < 2000 && (id == null || !id.startsWith("-")); i++) {
                id = Stores.newSession(app, Map.of("n", i));
            }
        }
        assertThat(id).startsWith("-");

        Cli.Result inspect = Cli.run("inspect", "--config", config.toString(), "--", id);

        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        assertThat(inspect.out()).contains("MAC: verified");
    }

    @Test
    void aTamperedRecordIsRefusedByInspect() {
        Map<String, String> settings = Stores.filesystem(dir.resolve("files"), Stores.prefix());
        Path config = filesystemConfig(settings);
        String id;
        try (SessionManager app = Stores.open(settings)) {
            id = Stores.newSession(app, Map.of("role", "user"));
            String key = app.storeKey(id);
            StoredRecord stored = app.backend().load(key).orElseThrow();
            byte[] forged = stored.data().clone();
            forged[forged.length / 2] ^= 1;
            assertThat(app.backend().write(new RecordWrite.Replace(key, forged, stored.version(), Duration.ofHours(1))).isWritten()).isTrue();
        }

        Cli.Result inspect = Cli.run("inspect", "--config", config.toString(), "--", id);

        assertThat(inspect.exitCode()).as("%s", inspect).isEqualTo(1);
        assertThat(inspect.err()).startsWith("The record is refused (");
    }

    @Test
    void anIdOfTheWrongShapeIsAProblemWithoutAnyLookup() {
        Path config = filesystemConfig(Stores.filesystem(dir.resolve("files"), Stores.prefix()));

        Cli.Result inspect = Cli.run("inspect", "--config", config.toString(), "not-an-id");

        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.err()).isEqualTo("That is not a session ID of this configuration: an ID is 43 base64url characters"
                + " (SESSION_ID_LENGTH=32). Pass the value of the session cookie.\n");
    }

    @Test
    void sweepDeletesExpiredFilesAndReportsTheTotal() throws InterruptedException {
        Map<String, String> settings = Stores.filesystem(dir.resolve("files"), Stores.prefix());
        settings.put("PERMANENT_SESSION_LIFETIME", "1s");
        Path config = filesystemConfig(settings);
        try (SessionManager app = Stores.open(settings)) {
            for (int i = 0; i < 5; i++) {
                Stores.newSession(app, Map.of("n", i));
            }
        }
        Thread.sleep(1500);

        Cli.Result sweep = Cli.run("sweep", "--batch", "2", "--config", config.toString());
        assertThat(sweep.exitCode()).as("%s", sweep).isZero();
        assertThat(sweep.out()).isEqualTo("swept 5 expired records in 3 batches (filesystem)\n");

        Cli.Result again = Cli.run("sweep", "--json", "--config", config.toString());
        assertThat(again.out()).isEqualTo("{\"ok\":true,\"exitCode\":0,\"backend\":\"filesystem\",\"swept\":0,\"batches\":1,\"storeExpires\":false}\n");
    }

    @Test
    void onRedisCountWorksAndSweepHasNothingToDo() {
        Map<String, String> settings = Stores.redis(Stores.prefix());
        redis = Stores.open(settings);
        for (int i = 0; i < 3; i++) {
            Stores.newSession(redis, Map.of("n", i));
        }
        Path config = Stores.write(dir.resolve("redis.properties"), settings);

        assertThat(Cli.run("count", "--json", "--config", config.toString()).out())
                .isEqualTo("{\"ok\":true,\"exitCode\":0,\"backend\":\"redis\",\"live\":3}\n");
        Cli.Result sweep = Cli.run("sweep", "--config", config.toString());
        assertThat(sweep.exitCode()).isZero();
        assertThat(sweep.out()).isEqualTo("nothing to sweep: redis removes expired records itself\n");
    }

    @Test
    void memcachedCannotCountAndSaysWhichBackendsCan() {
        Path config = Stores.write(dir.resolve("memcached.properties"), Stores.memcached(Stores.prefix()));

        Cli.Result count = Cli.run("count", "--config", config.toString());

        assertThat(count.exitCode()).as("%s", count).isEqualTo(5);
        assertThat(count.err()).isEqualTo("The memcached backend cannot count its sessions (it has no SessionCounter)."
                + " Backends that can: dynamodb, filesystem, jdbc, memory, mongodb, redis.\n");
    }

    @Test
    void revokeOnABackendWithoutThePrincipalIndexSaysWhichCan() {
        Path config = Stores.write(dir.resolve("memcached.properties"), Stores.memcached(Stores.prefix()));

        Cli.Result revoke = Cli.run("revoke", "--user", "ada", "--config", config.toString());

        assertThat(revoke.exitCode()).as("%s", revoke).isEqualTo(5);
        assertThat(revoke.err()).startsWith("The memcached backend cannot find a user's sessions").doesNotContain("ada");
    }
}
