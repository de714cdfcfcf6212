package io.github.session4j.jdbc;

import static io.github.session4j.jdbc.ManagerRequests.request;
import static io.github.session4j.jdbc.ManagerRequests.statements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.CommitResult;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionManager;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Delta frames on every supported database: an append writes only the row's {@code frames}
 * column, every whole write clears it, a table of an earlier session4j gets the column, and a
 * small change to a large session costs two statements through the {@link SessionManager}.
 */
class JdbcDeltaFramesTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String KEY = "session:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void anAppendWritesOnlyTheFramesColumnAndAReplaceClearsIt(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            byte[] base = randomBytes(6_000);
            Writes.create(f.backend, KEY, base, TTL);

            byte[] everyByte = new byte[256];
            for (int i = 0; i < everyByte.length; i++) {
                everyByte[i] = (byte) i;
            }
            assertThat(Writes.append(f.backend, KEY, everyByte, f.backend.load(KEY).orElseThrow().version(), TTL)).isTrue();
            assertThat(Writes.append(f.backend, KEY, bytes("+two"), f.backend.load(KEY).orElseThrow().version(), TTL)).isTrue();

            Fixture.Row row = f.row(KEY).orElseThrow();
            assertThat(row.data()).as("the record's data column, untouched").isEqualTo(base);
            assertThat(row.frames()).isEqualTo(concat(everyByte, bytes("+two")));
            StoredRecord loaded = f.backend.load(KEY).orElseThrow();
            assertThat(loaded.data()).isEqualTo(concat(base, row.frames()));
            assertThat(f.backend.loadAndTouch(KEY, TTL).orElseThrow().data()).isEqualTo(loaded.data());

            assertThat(Writes.replace(f.backend, KEY, bytes("whole"), loaded.version(), TTL)).isTrue();
            assertThat(f.row(KEY).orElseThrow().frames()).isNull();
            assertThat(f.backend.load(KEY).orElseThrow().data()).isEqualTo(bytes("whole"));
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void takingOverAnExpiredRowDropsItsFrames(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, randomBytes(5_000), TTL);
            Writes.append(f.backend, KEY, bytes("+old"), f.backend.load(KEY).orElseThrow().version(), TTL);
            f.clock.advance(TTL);

            assertThat(Writes.create(f.backend, KEY, bytes("new"), TTL)).isTrue();

            assertThat(f.row(KEY).orElseThrow().frames()).isNull();
            assertThat(f.backend.load(KEY).orElseThrow().data()).isEqualTo(bytes("new"));
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void aTableOfAnEarlierSession4jGetsTheFramesColumnAndKeepsItsRows(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("saved before the upgrade"), TTL);
            f.execute("ALTER TABLE " + f.database.table() + " DROP COLUMN frames");

            try (JdbcSessionInterface upgraded = f.open(s -> s.put(CoreKeys.SESSION_DELTA_WRITES.key(), "true"))) {
                StoredRecord loaded = upgraded.load(KEY).orElseThrow();
                assertThat(loaded.data()).isEqualTo(bytes("saved before the upgrade"));
                assertThat(Writes.append(upgraded, KEY, bytes("+frame"), loaded.version(), TTL)).isTrue();
            }
            assertThat(f.row(KEY).orElseThrow().frames()).isEqualTo(bytes("+frame"));
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void withoutCreateTableAnEarlierTableServesWithoutFramesAndDeltaWritesAreRefused(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            Writes.create(f.backend, KEY, bytes("old"), TTL);
            f.execute("ALTER TABLE " + f.database.table() + " DROP COLUMN frames");

            try (JdbcSessionInterface legacy = f.open(s -> s.put(JdbcSettings.CREATE_TABLE, "false"))) {
                StoredRecord loaded = legacy.load(KEY).orElseThrow();
                assertThat(loaded.data()).isEqualTo(bytes("old"));
                assertThat(Writes.replace(legacy, KEY, bytes("new"), loaded.version(), TTL)).isTrue();
                assertThat(legacy.loadAndTouch(KEY, TTL).orElseThrow().data()).isEqualTo(bytes("new"));
                long version = legacy.load(KEY).orElseThrow().version();
                assertThatThrownBy(() -> Writes.append(legacy, KEY, bytes("+x"), version, TTL))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("ALTER TABLE " + f.database.table() + " ADD COLUMN frames");
            }
            assertThatThrownBy(() -> f.open(s -> {
                s.put(JdbcSettings.CREATE_TABLE, "false");
                s.put(CoreKeys.SESSION_DELTA_WRITES.key(), "true");
            }))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("session-jdbc found no column frames in the session table " + f.database.table())
                    .hasMessageContaining("SESSION_DELTA_WRITES=true needs it: add it (ALTER TABLE " + f.database.table()
                            + " ADD COLUMN frames ")
                    .hasMessageContaining("or set SESSION_JDBC_CREATE_TABLE=true, or set SESSION_DELTA_WRITES=false");
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void aSmallChangeToALargeSessionCostsTwoStatementsAndLeavesTheRecordInPlace(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind);
                SessionManager delta = f.manager(s -> {
                    s.put(JdbcSettings.URL, CountingDriver.countingUrl(s.get(JdbcSettings.URL)));
                    s.put(CoreKeys.SESSION_DELTA_WRITES.key(), "true");
                });
                SessionManager whole = f.manager(s -> { })) {
            byte[] data = randomBytes(8_000);
            String cookie = cookie(request(delta, null, session -> {
                session.put("data", data);
                session.put("counter", 0L);
            }));
            String key = delta.storeKey(cookie.substring(cookie.indexOf('=') + 1));
            byte[] record = f.row(key).orElseThrow().data();

            for (long i = 1; i <= 8; i++) {
                long counter = i;
                assertThat(statements(() -> request(delta, cookie, session -> session.put("counter", counter))))
                        .as("modifying request %d", i).isEqualTo(2);
                Fixture.Row row = f.row(key).orElseThrow();
                assertThat(row.data()).as("the record after frame %d", i).isEqualTo(record);
                assertThat(row.frames()).as("frames after request %d", i).isNotNull();
            }
            assertThat(delta.stats().appends()).isEqualTo(8);

            assertThat(statements(() -> request(delta, cookie, session -> session.put("counter", 9L))))
                    .as("the ninth change, which rewrites the record whole").isEqualTo(2);
            assertThat(f.row(key).orElseThrow().frames()).isNull();

            request(delta, cookie, session -> session.put("counter", 10L));
            request(whole, cookie, session -> {
                assertThat(session.get("counter")).as("read by an instance with delta writes off").isEqualTo(10L);
                assertThat((byte[]) session.get("data")).isEqualTo(data);
            });
        }
    }

    private static String cookie(CommitResult result) {
        String header = result.header("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }
}
