package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One million expired rows: the background sweeper clears them in small batches while other
 * threads keep loading and saving live sessions, with no error and no deadlock on either side.
 */
class MillionExpiredRowsSweepTest {

    private static final int EXPIRED_ROWS = 1_000_000;
    private static final int BATCH = 5_000;
    private static final Duration TTL = Duration.ofMinutes(30);

    @ParameterizedTest
    @EnumSource(value = JdbcTestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void theSweeperClearsAMillionExpiredRowsWhileRequestsKeepWorking(JdbcTestDatabase.Kind kind) throws Exception {
        try (Fixture f = Fixture.open(kind)) {
            long start = System.nanoTime();
            f.database.execute(bulkInsert(f.database));
            long inserted = System.nanoTime();
            assertThat(f.database.count("expires_at < 1000000000")).isEqualTo(EXPIRED_ROWS);

            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong requests = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int worker = t;
                Thread thread = new Thread(() -> work(f.backend, worker, stop, requests, errors), "worker-" + t);
                workers.add(thread);
                thread.start();
            }

            try (JdbcSessionInterface sweeping = f.open(s -> s.put(JdbcSettings.URL,
                            CountingDriver.countingUrl(s.get(JdbcSettings.URL))));
                    BackgroundSweeper sweeper = BackgroundSweeper.start(recording(sweeping, errors),
                            Fixture.settings(f.config(s -> {
                                s.put(JdbcSettings.SWEEP_INTERVAL, "200ms");
                                s.put(JdbcSettings.SWEEP_BATCH_SIZE, String.valueOf(BATCH));
                                s.put(JdbcSettings.SWEEP_PAUSE, "10ms");
                            })))) {
                long statementsBefore = CountingDriver.COUNTER.count();
                long requestsBefore = requests.get();
                assertThat(sweeper).isNotNull();
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> f.database.count("expires_at < 1000000000") == 0 || !errors.isEmpty());
                long swept = System.nanoTime();

                stop.set(true);
                for (Thread thread : workers) {
                    thread.join();
                }
                assertThat(errors).isEmpty();
                assertThat(f.database.count("expires_at < 1000000000")).isZero();
                assertThat(CountingDriver.COUNTER.count() - statementsBefore).as("sweep statements")
                        .isGreaterThanOrEqualTo(EXPIRED_ROWS / BATCH);
                assertThat(requests.get() - requestsBefore).as("requests served during the sweep").isPositive();
                assertThat(f.database.count("1 = 1")).as("live sessions kept").isEqualTo(4 * 20);
                System.out.printf("%s: inserted %d expired rows in %d ms, swept them in %d ms"
                                + " (batches of %d) while serving %d requests%n",
                        kind, EXPIRED_ROWS, (inserted - start) / 1_000_000, (swept - inserted) / 1_000_000, BATCH,
                        requests.get() - requestsBefore);
            }
        }
    }

    private static String bulkInsert(JdbcTestDatabase database) {
        if (database.kind() == JdbcTestDatabase.Kind.POSTGRESQL) {
            return "INSERT INTO " + database.table() + " (id, data, version, expires_at) SELECT 'expired:' || g, '\\x0102'::bytea, 1, 1000 + g"
                    + " FROM generate_series(1, " + EXPIRED_ROWS + ") g";
        }
        // MariaDB's SEQUENCE engine: a virtual table of the integers 1..n in every database.
        return "INSERT INTO " + database.table() + " (id, data, version, expires_at) SELECT CONCAT('expired:', seq), x'0102', 1, 1000 + seq"
                + " FROM " + database.schema() + ".seq_1_to_" + EXPIRED_ROWS;
    }

    /** Sweeps through {@code backend} and records every failure, which the real sweeper only logs. */
    private static ExpirySweeper recording(JdbcSessionInterface backend, Queue<Throwable> errors) {
        return max -> {
            try {
                return backend.sweepExpired(max);
            } catch (RuntimeException e) {
                errors.add(e);
                throw e;
            }
        };
    }

    /** Loads, creates, replaces and touches 20 live sessions of its own until stopped. */
    private static void work(JdbcSessionInterface backend, int worker, AtomicBoolean stop, AtomicLong requests,
            Queue<Throwable> errors) {
        byte[] data = ("worker " + worker).getBytes(StandardCharsets.UTF_8);
        try {
            for (int i = 0; !stop.get(); i++) {
                String key = "session:live-" + worker + "-" + (i % 20);
                Optional<StoredRecord> found = i % 3 == 0 ? backend.loadAndTouch(key, TTL) : backend.load(key);
                if (found.isEmpty()) {
                    assertThat(Writes.create(backend, key, data, TTL)).isTrue();
                } else {
                    assertThat(Writes.replace(backend, key, data, found.get().version(), TTL)).isTrue();
                }
                requests.incrementAndGet();
            }
        } catch (Throwable e) {
            errors.add(e);
        }
    }
}
