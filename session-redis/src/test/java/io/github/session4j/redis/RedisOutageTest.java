package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.testkit.Writes;
import io.lettuce.core.RedisCommandTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away mid-run: requests fail fast with the backend error instead of queueing, and the
 * backend recovers by itself when Redis is back on the same port. Uses a server of its own, which
 * it kills, freezes and restarts.
 */
class RedisOutageTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final byte[] RECORD = "record".getBytes(StandardCharsets.UTF_8);

    private RedisServer redis;
    private String prefix;
    private RedisSessionInterface backend;

    @BeforeEach
    void start() {
        redis = RedisServer.start("outage");
        prefix = TestKeys.uniquePrefix();
        backend = TestKeys.backend(prefix, Map.of("SESSION_REDIS", redis.uri(), "SESSION_REDIS_COMMAND_TIMEOUT", "500ms"));
    }

    @AfterEach
    void stop() {
        backend.close();
        redis.close();
    }

    @Test
    void whileRedisIsDownEveryCallIsRejectedAtOnceAndTheBackendRecoversWhenItReturns() throws Exception {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);

        redis.stop();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsMatching(e -> !(e instanceof SessionBackendException))
                .until(() -> rejectedAsDisconnected(() -> backend.load(key)));

        List<Throwable> failures = burstOfLoads(key, 8, 200);
        assertThat(failures).hasSize(200).allSatisfy(e -> {
            assertThat(e).isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("Redis GET of key " + prefix)
                    .hasMessageContaining(" failed on " + redis.uri() + ": Currently not connected. Commands are rejected.")
                    .hasMessageEndingWith("Check that Redis is up and reachable; commands fail after 500ms"
                            + " (SESSION_REDIS_COMMAND_TIMEOUT) and the client reconnects by itself");
            assertThat(e).hasNoSuppressedExceptions().rootCause().isNotInstanceOf(RedisCommandTimeoutException.class);
        });

        redis.start();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(SessionBackendException.class)
                .until(() -> backend.load(key).isEmpty()); // back, empty: the test server keeps no data

        String fresh = TestKeys.key(prefix);
        assertThat(Writes.create(backend, fresh, RECORD, TTL)).isTrue();
        long version = backend.load(fresh).orElseThrow().version();
        assertThat(Writes.replace(backend, fresh, "changed".getBytes(StandardCharsets.UTF_8), version, TTL)).isTrue();
    }

    @Test
    void aFrozenRedisMakesCallsFailAfterTheCommandTimeoutAndRecoveryNeedsNothing() {
        String key = TestKeys.key(prefix);
        Writes.create(backend, key, RECORD, TTL);

        redis.signal("STOP");
        try {
            assertThatThrownBy(() -> backend.load(key))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageContaining(": Command timed out after 500 millisecond(s)")
                    .hasCauseInstanceOf(RedisCommandTimeoutException.class);
        } finally {
            redis.signal("CONT");
        }

        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(SessionBackendException.class)
                .until(() -> backend.load(key).isPresent());
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(RECORD);
    }

    /**
     * The write fence: a replace, a staged replace and an append sent to a frozen Redis time out
     * (the request would answer 503); when Redis resumes and runs them, long after their
     * deadline, their scripts write nothing. Without the fence each would apply on resume.
     */
    @Test
    void writesThatReachAFrozenRedisAfterTheirRequestGaveUpChangeNothing() {
        String small = TestKeys.key(prefix);
        String big = TestKeys.key(prefix);
        String appended = TestKeys.key(prefix);
        Writes.create(backend, small, RECORD, TTL);
        Writes.create(backend, big, RECORD, TTL);
        Writes.create(backend, appended, RECORD, TTL);
        long smallVersion = backend.load(small).orElseThrow().version();
        long bigVersion = backend.load(big).orElseThrow().version();
        long appendedVersion = backend.load(appended).orElseThrow().version();
        byte[] large = new byte[StagedReplace.THRESHOLD_BYTES * 2];

        redis.signal("STOP");
        try {
            assertThatThrownBy(() -> Writes.replace(backend, small, "late".getBytes(StandardCharsets.UTF_8), smallVersion, TTL))
                    .isInstanceOf(SessionBackendException.class).hasMessageContaining("timed out");
            assertThatThrownBy(() -> Writes.replace(backend, big, large, bigVersion, TTL))
                    .isInstanceOf(SessionBackendException.class);
            assertThatThrownBy(() -> backend.write(new io.github.session4j.spi.RecordWrite.Append(appended, "tail".getBytes(StandardCharsets.UTF_8), appendedVersion, TTL)))
                    .isInstanceOf(SessionBackendException.class).hasMessageContaining("timed out");
        } finally {
            redis.signal("CONT");
        }

        // one connection, answered in order: once these loads answer, the late scripts have run
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(SessionBackendException.class)
                .until(() -> backend.load(appended).isPresent());
        assertThat(backend.load(small).orElseThrow().version()).isEqualTo(smallVersion);
        assertThat(backend.load(small).orElseThrow().data()).isEqualTo(RECORD);
        assertThat(backend.load(big).orElseThrow().data()).isEqualTo(RECORD);
        assertThat(backend.load(appended).orElseThrow().data()).isEqualTo(RECORD);
        assertThat(backend.load(appended).orElseThrow().version()).isEqualTo(appendedVersion);
    }

    private static boolean rejectedAsDisconnected(Runnable call) {
        try {
            call.run();
            return false;
        } catch (SessionBackendException e) {
            return e.getMessage().contains("Currently not connected");
        }
    }

    /** Runs many loads from several threads; every one must end (no thread waits for Redis). */
    private List<Throwable> burstOfLoads(String key, int threads, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> {
                    try {
                        backend.load(key);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> result : results) {
                Throwable failure = result.get(30, TimeUnit.SECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }
}
