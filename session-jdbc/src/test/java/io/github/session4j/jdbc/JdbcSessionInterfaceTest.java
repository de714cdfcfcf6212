package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SPI against every supported database, checked through the side door with plain JDBC.
 */
class JdbcSessionInterfaceTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String KEY = "session:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void createdRecordLoadsWithItsBytesVersionAndExpiry(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            assertThat(Writes.create(f.backend, KEY, bytes("one"), TTL)).isTrue();

            StoredRecord loaded = f.backend.load(KEY).orElseThrow();
            assertThat(loaded.data()).isEqualTo(bytes("one"));
            assertThat(loaded.expiresAt()).isEqualTo(f.clock.instant().plus(TTL));
            assertThat(f.row(KEY).orElseThrow().expiresAt()).isEqualTo(f.clock.millis() + TTL.toMillis());
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void createLosesAgainstALiveRecordButTakesOverAnExpiredOne(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("first"), TTL);
            assertThat(Writes.create(f.backend, KEY, bytes("second"), TTL)).isFalse();
            assertThat(f.backend.load(KEY).orElseThrow().data()).isEqualTo(bytes("first"));

            long oldVersion = f.backend.load(KEY).orElseThrow().version();
            f.clock.advance(TTL);
            assertThat(Writes.create(f.backend, KEY, bytes("third"), TTL)).isTrue();
            StoredRecord taken = f.backend.load(KEY).orElseThrow();
            assertThat(taken.data()).isEqualTo(bytes("third"));
            assertThat(taken.version()).isNotEqualTo(oldVersion);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void replaceWinsOnlyWithTheCurrentVersionOfALiveRecord(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("v1"), TTL);
            long v1 = f.backend.load(KEY).orElseThrow().version();

            assertThat(Writes.replace(f.backend, KEY, bytes("v2"), v1, TTL)).isTrue();
            long v2 = f.backend.load(KEY).orElseThrow().version();
            assertThat(v2).isNotEqualTo(v1);
            assertThat(Writes.replace(f.backend, KEY, bytes("stale"), v1, TTL)).isFalse();
            assertThat(Writes.replace(f.backend, "session:missing", bytes("x"), v1, TTL)).isFalse();

            f.clock.advance(TTL);
            assertThat(Writes.replace(f.backend, KEY, bytes("late"), v2, TTL)).isFalse();
            assertThat(f.row(KEY).orElseThrow().data()).isEqualTo(bytes("v2"));
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void aSaveKeepsAnExpiryLessThanARefreshIntervalOldAndOtherwiseSetsTheWantedOne(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            long created = f.clock.millis();
            Writes.create(f.backend, KEY, bytes("one"), TTL);

            f.clock.advance(Duration.ofSeconds(59)); // the refresh interval of a 30-minute TTL is 1 minute
            assertThat(Writes.replace(f.backend, KEY, bytes("two"), f.backend.load(KEY).orElseThrow().version(), TTL)).isTrue();
            assertThat(f.row(KEY).orElseThrow().expiresAt()).as("kept: 59 s before the wanted expiry").isEqualTo(created + TTL.toMillis());

            f.clock.advance(Duration.ofSeconds(2));
            assertThat(Writes.replace(f.backend, KEY, bytes("three"), f.backend.load(KEY).orElseThrow().version(), TTL)).isTrue();
            assertThat(f.row(KEY).orElseThrow().expiresAt()).as("set: 61 s before the wanted expiry")
                    .isEqualTo(f.clock.millis() + TTL.toMillis());

            long refreshed = f.clock.millis();
            f.clock.advance(Duration.ofSeconds(30));
            assertThat(Writes.append(f.backend, KEY, bytes("+4"), f.backend.load(KEY).orElseThrow().version(), TTL)).isTrue();
            assertThat(f.row(KEY).orElseThrow().expiresAt()).as("an append keeps it too").isEqualTo(refreshed + TTL.toMillis());

            Duration shorter = Duration.ofMinutes(29); // wanted: 30 s before the stored expiry
            assertThat(Writes.replace(f.backend, KEY, bytes("five"), f.backend.load(KEY).orElseThrow().version(), shorter)).isTrue();
            assertThat(f.row(KEY).orElseThrow().expiresAt()).as("never later than wanted")
                    .isEqualTo(f.clock.millis() + shorter.toMillis());
            assertThat(f.backend.load(KEY).orElseThrow().data()).isEqualTo(bytes("five"));
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void anExpiredRowIsNeverLoadedNorRevivedByATouch(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("data"), TTL);
            f.clock.advance(TTL.minusMillis(1));
            assertThat(f.backend.load(KEY)).isPresent();
            f.clock.advance(Duration.ofMillis(1));

            assertThat(f.backend.load(KEY)).isEmpty();
            assertThat(f.backend.loadAndTouch(KEY, TTL)).isEmpty();
            f.backend.touch(KEY, TTL);
            assertThat(f.backend.load(KEY)).isEmpty();
            assertThat(f.row(KEY)).as("the row stays until the sweeper removes it").isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void touchAndLoadAndTouchMoveTheExpiryButKeepDataAndVersion(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("data"), TTL);
            long version = f.backend.load(KEY).orElseThrow().version();

            f.clock.advance(Duration.ofMinutes(10));
            f.backend.touch(KEY, TTL);
            assertThat(f.row(KEY).orElseThrow().expiresAt()).isEqualTo(f.clock.millis() + TTL.toMillis());

            f.clock.advance(Duration.ofMinutes(10));
            StoredRecord touched = f.backend.loadAndTouch(KEY, Duration.ofHours(2)).orElseThrow();
            assertThat(touched.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(2)));
            assertThat(touched.data()).isEqualTo(bytes("data"));
            assertThat(touched.version()).isEqualTo(version);
            assertThat(f.row(KEY).orElseThrow().version()).isEqualTo(version);
            assertThat(f.backend.loadAndTouch("session:missing", TTL)).isEmpty();
            f.backend.touch("session:missing", TTL);
            assertThat(f.row("session:missing")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void deleteRemovesTheRowAndIgnoresAMissingOne(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("data"), TTL);
            f.backend.delete(KEY);
            f.backend.delete(KEY);
            assertThat(f.row(KEY)).isEmpty();
            assertThat(f.backend.load(KEY)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void keysThatDifferOnlyInCaseAreDifferentRows(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            String lower = "session:abcdefghijklmnopqrstuvwxyz0123456789-_abcdefg";
            String upper = "session:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_abcdefg";
            assertThat(Writes.create(f.backend, lower, bytes("lower"), TTL)).isTrue();
            assertThat(Writes.create(f.backend, upper, bytes("upper"), TTL)).isTrue();
            assertThat(Writes.create(f.backend, lower + " ", bytes("trailing space"), TTL)).isTrue();

            assertThat(f.backend.load(lower).orElseThrow().data()).isEqualTo(bytes("lower"));
            assertThat(f.backend.load(upper).orElseThrow().data()).isEqualTo(bytes("upper"));
            f.backend.delete(upper);
            assertThat(f.backend.load(lower)).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void everyByteValueAndALargeRecordRoundTrip(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            byte[] large = new byte[1 << 20];
            new java.util.Random(1).nextBytes(large);

            Writes.create(f.backend, KEY, all, TTL);
            Writes.create(f.backend, KEY + "2", large, TTL);
            assertThat(f.backend.load(KEY).orElseThrow().data()).isEqualTo(all);
            assertThat(f.backend.load(KEY + "2").orElseThrow().data()).isEqualTo(large);
            assertThat(f.row(KEY).orElseThrow().data()).isEqualTo(all);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void sweepDeletesOnlyExpiredRowsAndAtMostTheBatch(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            for (int i = 0; i < 7; i++) {
                Writes.create(f.backend, "session:old" + i, bytes("old"), Duration.ofMinutes(1));
            }
            Writes.create(f.backend, "session:live", bytes("live"), Duration.ofMinutes(10));
            f.clock.advance(Duration.ofMinutes(1));

            assertThat(f.backend.sweepExpired(5)).isEqualTo(5);
            assertThat(f.backend.sweepExpired(5)).isEqualTo(2);
            assertThat(f.backend.sweepExpired(5)).isZero();
            assertThat(f.database.count("1 = 1")).isEqualTo(1);
            assertThat(f.backend.load("session:live")).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void countLiveCountsUnexpiredRowsUnderThePrefixOnly(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind, s -> s.put("SESSION_KEY_PREFIX", "app_1:"))) {
            Writes.create(f.backend, "app_1:a", bytes("x"), TTL);
            Writes.create(f.backend, "app_1:b", bytes("x"), Duration.ofMinutes(1));
            Writes.create(f.backend, "appX1:c", bytes("x"), TTL);
            Writes.create(f.backend, "APP_1:d", bytes("x"), TTL);
            assertThat(f.backend.countLive()).isEqualTo(2);
            f.clock.advance(Duration.ofMinutes(1));
            assertThat(f.backend.countLive()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void concurrentSavesOfOneVersionHaveExactlyOneWinner(JdbcTestDatabase.Kind kind) throws Exception {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("base"), TTL);
            long version = f.backend.load(KEY).orElseThrow().version();

            List<Boolean> replaced = race(8, i -> Writes.replace(f.backend, KEY, bytes("writer" + i), version, TTL));
            List<Boolean> created = race(8, i -> Writes.create(f.backend, KEY + "new", bytes("creator" + i), TTL));

            assertThat(replaced).containsOnlyOnce(true);
            assertThat(created).containsOnlyOnce(true);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void withoutCreateTableAMissingTableFailsWithTheDdl(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            assertThatThrownBy(() -> f.open(s -> {
                s.put(JdbcSettings.CREATE_TABLE, "false");
                s.put(JdbcSettings.TABLE, "absent");
            }))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("session-jdbc found no usable session table " + f.database.schema()
                            + ".absent and SESSION_JDBC_CREATE_TABLE is false in " + f.database.url())
                    .hasMessageContaining("Create it (with your migration tool) or set SESSION_JDBC_CREATE_TABLE=true;")
                    .hasMessageContaining("CREATE TABLE IF NOT EXISTS " + f.database.schema() + ".absent (");

            try (JdbcSessionInterface existing = f.open(s -> s.put(JdbcSettings.CREATE_TABLE, "false"))) {
                assertThat(Writes.create(existing, KEY, bytes("x"), TTL)).isTrue();
            }
        }
    }

    private static List<Boolean> race(int threads, IntTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<Boolean> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IntTask {
        boolean run(int index);
    }
}
