package io.github.session4j.jdbc;

import static io.github.session4j.jdbc.ManagerRequests.request;
import static io.github.session4j.jdbc.ManagerRequests.statements;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.CommitResult;
import io.github.session4j.SessionManager;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.Writes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code SESSION_RECORD_CACHE} on every supported database: the revalidating {@code SELECT}
 * returns no {@code data} or {@code frames} for the version the caller holds, and through the
 * {@link SessionManager} a kept session costs one statement to read and two to modify, while a
 * change made by another instance is still read.
 */
class JdbcRecordCacheTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String KEY = "session:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

    private static byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void theRevalidatingSelectReturnsNoRecordForTheHeldVersion(JdbcTestDatabase.Kind kind) throws SQLException {
        try (Fixture f = Fixture.open(kind)) {
            byte[] data = randomBytes(20_000);
            Writes.create(f.backend, KEY, data, TTL);
            long first = f.backend.load(KEY).orElseThrow().version();
            Writes.append(f.backend, KEY, randomBytes(300), first, TTL);
            Fixture.Row row = f.row(KEY).orElseThrow();

            try (Connection connection = f.database.connect()) {
                Dialect dialect = Dialect.forProduct(connection.getMetaData().getDatabaseProductName(),
                        Fixture.settings(f.config(s -> { })));
                for (Dialect variant : new Dialect[] {dialect, dialect.withColumns(false, true)}) {
                    Object[] held = select(connection, variant, row.version());
                    assertThat(held[0]).as("data for the held version (%s frames)", variant.frames ? "with" : "without")
                            .isNull();
                    assertThat(held[1]).as("the version").isEqualTo(row.version());
                    Object[] other = select(connection, variant, first);
                    assertThat((byte[]) other[0]).as("data for another version").isEqualTo(data);
                    if (variant.frames) {
                        assertThat(held[2]).as("frames for the held version").isNull();
                        assertThat((byte[]) other[2]).as("frames for another version").isEqualTo(row.frames());
                    }
                }
            }
        }
    }

    /** Runs the revalidating SELECT: data, version and (with frames) frames of the live row. */
    private static Object[] select(Connection connection, Dialect dialect, long version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.revalidate())) {
            int index = 1;
            statement.setLong(index++, version);
            if (dialect.frames) {
                statement.setLong(index++, version);
            }
            statement.setString(index++, KEY);
            statement.setLong(index, 0L);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("the live row").isTrue();
                return new Object[] {rows.getBytes(1), rows.getLong(2), dialect.frames ? rows.getBytes(4) : null};
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void aKeptSessionCostsOneStatementToReadAndTwoToModifyAndSeesOtherInstances(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind);
                SessionManager cached = f.manager(s -> {
                    s.put(JdbcSettings.URL, CountingDriver.countingUrl(s.get(JdbcSettings.URL)));
                    s.put(CoreKeys.SESSION_DELTA_WRITES.key(), "true");
                    s.put(CoreKeys.SESSION_RECORD_CACHE.key(), "16MB");
                });
                SessionManager other = f.manager(s -> { })) {
            byte[] data = randomBytes(20_000);
            String cookie = cookie(request(cached, null, session -> {
                session.put("data", data);
                session.put("counter", 0L);
            }));
            request(cached, cookie, session -> session.get("counter")); // keeps the record

            assertThat(statements(() -> request(cached, cookie, session -> session.get("counter"))))
                    .as("statements of a read of a kept session").isEqualTo(1);
            assertThat(cached.stats().revalidated()).isEqualTo(1);
            for (long i = 1; i <= 3; i++) {
                long counter = i;
                assertThat(statements(() -> request(cached, cookie, session -> session.put("counter", counter))))
                        .as("statements of modifying request %d", i).isEqualTo(2);
            }
            assertThat(cached.stats().revalidated()).as("revalidated loads after three modifying requests").isEqualTo(4);

            request(other, cookie, session -> session.put("counter", 7L));
            AtomicReference<Object> seen = new AtomicReference<>();
            assertThat(statements(() -> request(cached, cookie, session -> {
                seen.set(session.get("counter"));
                assertThat((byte[]) session.get("data")).as("data after another instance's change").isEqualTo(data);
            }))).as("statements of a read after another instance's change").isEqualTo(1);
            assertThat(seen.get()).as("the counter another instance set").isEqualTo(7L);

            request(other, cookie, session -> session.invalidate());
            request(cached, cookie, session -> assertThat(session.isNew())
                    .as("the session after another instance invalidated it").isTrue());
        }
    }

    private static String cookie(CommitResult result) {
        String header = result.header("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }
}
