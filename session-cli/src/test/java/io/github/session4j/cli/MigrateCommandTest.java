package io.github.session4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.StoredRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate}: between pairs of real stores, every live session arrives with its bytes and
 * remaining TTL, the target application reads it (its MAC still holds), and a second run copies
 * nothing.
 */
class MigrateCommandTest {

    @TempDir
    Path dir;

    private final List<SessionManager> managers = new ArrayList<>();

    /** Deletes what the test wrote to the shared Redis, and closes every manager. */
    @AfterEach
    void clearRedis() {
        for (SessionManager manager : managers) {
            if (manager.backendName().equals("redis")) {
                Stores.clear(manager);
            }
            manager.close();
        }
    }

    private SessionManager track(SessionManager manager) {
        managers.add(manager);
        return manager;
    }

    /** Makes sessions in the source, migrates, and checks them in the target, then runs again. */
    private void migrates(Map<String, String> source, Map<String, String> target) {
        Path sourceFile = Stores.write(dir.resolve("source.properties"), source);
        Path targetFile = Stores.write(dir.resolve("target.properties"), target);
        Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
        Map<String, Instant> expiries = new LinkedHashMap<>();
        SessionManager from = track(Stores.open(source));
        for (int i = 0; i < 7; i++) {
            Map<String, Object> values = Map.of("n", i, "user", "user" + i);
            String id = Stores.newSession(from, values);
            sessions.put(id, values);
        }
        Instant started = Instant.now();

        Cli.Result first = Cli.run("migrate", "--batch", "3", "--config", sourceFile.toString(), "--to", targetFile.toString());

        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(first.out()).startsWith("migrated " + source.get("SESSION_TYPE") + " -> " + target.get("SESSION_TYPE")
                + ": 7 copied, 0 already in the target, 0 expired meanwhile, 0 indexed by user; 7 records read in ");
        SessionManager into = track(Stores.open(target));
        for (Map.Entry<String, Map<String, Object>> session : sessions.entrySet()) {
            String key = into.storeKey(session.getKey());
            StoredRecord copied = into.backend().load(key).orElseThrow(() -> new AssertionError("not copied: " + key));
            StoredRecord original = from.backend().load(key).orElseThrow();
            assertThat(copied.data()).as("bytes of %s", key).isEqualTo(original.data());
            expiries.put(key, copied.expiresAt());
        }
        assertThat(into.backend().capability(io.github.session4j.spi.SessionCounter.class).orElseThrow().countLive()).isEqualTo(7);
        for (Map.Entry<String, Map<String, Object>> session : sessions.entrySet()) {
            assertThat(Stores.read(into, session.getKey())).as("the target application's view of a migrated session")
                    .isEqualTo(session.getValue());
        }
        for (Instant expiry : expiries.values()) {
            if (expiry != null) {
                // the default idle lifetime, 31 days, counted from the session's last use, not from the copy
                assertThat(expiry).isBetween(started.plus(Duration.ofDays(31)).minusSeconds(120), started.plus(Duration.ofDays(31)).plusSeconds(5));
            }
        }

        Cli.Result second = Cli.run("migrate", "--json", "--config", sourceFile.toString(), "--to", targetFile.toString());
        assertThat(second.exitCode()).as("%s", second).isZero();
        assertThat(second.out()).contains("\"copied\":0,\"alreadyPresent\":7,\"expired\":0");
    }

    @Test
    void filesystemToRedis() {
        String prefix = Stores.prefix();
        migrates(Stores.filesystem(dir.resolve("files"), prefix), Stores.redis(prefix));
    }

    @Test
    void redisToJdbcOnH2() {
        String prefix = Stores.prefix();
        migrates(Stores.redis(prefix), Stores.h2(dir, prefix));
    }

    @Test
    void jdbcOnH2ToFilesystem() {
        String prefix = Stores.prefix();
        migrates(Stores.h2(dir, prefix), Stores.filesystem(dir.resolve("files"), prefix));
    }

    @Test
    void theRemainingTtlIsKeptNotRestarted() {
        String prefix = Stores.prefix();
        Map<String, String> source = Stores.filesystem(dir.resolve("files"), prefix);
        source.put("PERMANENT_SESSION_LIFETIME", "1h");
        Map<String, String> target = Stores.h2(dir, prefix);
        String id;
        Instant sourceExpiry;
        try (SessionManager from = Stores.open(source)) {
            id = Stores.newSession(from, Map.of("a", 1));
            sourceExpiry = from.backend().load(from.storeKey(id)).orElseThrow().expiresAt();
        }

        Cli.Result result = Cli.run("migrate", "--config", Stores.write(dir.resolve("s.properties"), source).toString(),
                "--to", Stores.write(dir.resolve("t.properties"), target).toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        try (SessionManager into = Stores.open(target)) {
            Instant copied = into.backend().load(into.storeKey(id)).orElseThrow().expiresAt();
            assertThat(copied).as("the copy's expiry: the source's, not an hour after the copy").isBetween(sourceExpiry.minusSeconds(2), sourceExpiry.plusSeconds(2));
        }
    }

    @Test
    void filesystemToPostgresql() {
        String prefix = Stores.prefix();
        try (JdbcTestDatabase postgres = JdbcTestDatabase.create(JdbcTestDatabase.Kind.POSTGRESQL)) {
            Map<String, String> target = Stores.common(prefix);
            target.putAll(postgres.settings());
            migrates(Stores.filesystem(dir.resolve("files"), prefix), target);
            managers.forEach(SessionManager::close);
        }
    }

    @Test
    void aRunResumedFromACursorSkipsThePagesBeforeIt() {
        String prefix = Stores.prefix();
        Map<String, String> source = Stores.filesystem(dir.resolve("files"), prefix);
        Map<String, String> target = Stores.h2(dir, prefix);
        String cursor;
        try (SessionManager from = Stores.open(source)) {
            for (int i = 0; i < 7; i++) {
                Stores.newSession(from, Map.of("n", i));
            }
            cursor = from.backend().capability(RecordScanner.class).orElseThrow().scan(null, 3).next();
        }
        Path sourceFile = Stores.write(dir.resolve("source.properties"), source);
        Path targetFile = Stores.write(dir.resolve("target.properties"), target);

        Cli.Result resumed = Cli.run("migrate", "--batch", "3", "--resume", cursor, "--config", sourceFile.toString(),
                "--to", targetFile.toString());
        Cli.Result rest = Cli.run("migrate", "--config", sourceFile.toString(), "--to", targetFile.toString());
        Cli.Result nonsense = Cli.run("migrate", "--resume", "nonsense", "--config", sourceFile.toString(), "--to", targetFile.toString());

        assertThat(resumed.exitCode()).as("%s", resumed).isZero();
        assertThat(resumed.out()).startsWith("migrated filesystem -> jdbc: 4 copied, 0 already in the target,");
        assertThat(rest.out()).as("%s", rest).startsWith("migrated filesystem -> jdbc: 3 copied, 4 already in the target,");
        assertThat(nonsense.exitCode()).as("%s", nonsense).isEqualTo(2);
        assertThat(nonsense.err()).startsWith("--resume nonsense is not a cursor of this source: ");
    }

    @Test
    void memcachedCannotBeASourceAndSaysWhy() {
        String prefix = Stores.prefix();
        Path source = Stores.write(dir.resolve("source.properties"), Stores.memcached(prefix));
        Path target = Stores.write(dir.resolve("target.properties"), Stores.filesystem(dir.resolve("files"), prefix));

        Cli.Result result = Cli.run("migrate", "--config", source.toString(), "--to", target.toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(5);
        assertThat(result.err()).isEqualTo("The memcached backend cannot be a source of migrate: it cannot list its records"
                + " (memcached has no key enumeration: keys can only be read by name) (it has no RecordScanner)."
                + " Backends that can: dynamodb, filesystem, jdbc, memory, mongodb, redis.\n");
    }

    @Test
    void aTargetWithAnotherPrefixOrSecretIsRefusedBeforeAnyCopy() {
        Path source = Stores.write(dir.resolve("source.properties"), Stores.filesystem(dir.resolve("a"), "app:"));
        Path otherPrefix = Stores.write(dir.resolve("p.properties"), Stores.filesystem(dir.resolve("b"), "other:"));
        Map<String, String> otherSecretSettings = Stores.filesystem(dir.resolve("c"), "app:");
        otherSecretSettings.put("SECRET_KEY", "another-secret-0123456789-abcdefghijklmnop");
        Path otherSecret = Stores.write(dir.resolve("s.properties"), otherSecretSettings);

        Cli.Result prefix = Cli.run("migrate", "--config", source.toString(), "--to", otherPrefix.toString());
        Cli.Result secret = Cli.run("migrate", "--config", source.toString(), "--to", otherSecret.toString());

        assertThat(prefix.exitCode()).as("%s", prefix).isEqualTo(3);
        assertThat(prefix.err()).startsWith("SESSION_KEY_PREFIX differs: 'app:' in the source, 'other:' in the target.");
        assertThat(secret.exitCode()).as("%s", secret).isEqualTo(3);
        assertThat(secret.err()).startsWith("SECRET_KEY differs between the source and the target (values masked)")
                .doesNotContain("another-secret", Stores.SECRET);
    }

    @Test
    void aTargetThatCannotBeReachedExitsFour() {
        String prefix = Stores.prefix();
        Path source = Stores.write(dir.resolve("source.properties"), Stores.filesystem(dir.resolve("files"), prefix));
        Map<String, String> target = Stores.redis(prefix);
        target.put("SESSION_REDIS", "redis://127.0.0.1:" + io.github.session4j.servers.Loopback.freePort());
        target.put("SESSION_REDIS_CONNECT_TIMEOUT", "2s");

        Cli.Result result = Cli.run("migrate", "--config", source.toString(), "--to",
                Stores.write(dir.resolve("target.properties"), target).toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(4);
        assertThat(result.err()).startsWith("The store failed: Could not connect to Redis");
    }
}
