package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The statement budget of DESIGN.md §5, counted at the driver: every statement the backend
 * executes goes through {@link CountingDriver}, so a hidden read-before-write would show.
 */
class StatementBudgetTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

    private static long statements(Runnable operation) {
        long before = CountingDriver.COUNTER.count();
        operation.run();
        return CountingDriver.COUNTER.count() - before;
    }

    private static <T> long statements(Supplier<T> operation) {
        return statements((Runnable) operation::get);
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void everyOperationIsOneStatement(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind, s -> s.put(JdbcSettings.URL, CountingDriver.countingUrl(s.get(JdbcSettings.URL))))) {
            String key = "session:budget";
            boolean mariadb = kind == JdbcTestDatabase.Kind.MARIADB;

            assertThat(statements(() -> Writes.create(f.backend, key, DATA, TTL))).as("create").isEqualTo(1);
            long version = f.backend.load(key).orElseThrow().version();
            assertThat(statements(() -> f.backend.load(key))).as("load").isEqualTo(1);
            assertThat(statements(() -> f.backend.load("session:missing"))).as("load of a missing key").isEqualTo(1);
            assertThat(statements(() -> Writes.replace(f.backend, key, DATA, version, TTL))).as("replace").isEqualTo(1);
            assertThat(statements(() -> f.backend.touch(key, TTL))).as("touch").isEqualTo(1);
            assertThat(statements(() -> f.backend.loadAndTouch(key, TTL))).as("loadAndTouch")
                    .isEqualTo(mariadb ? 2 : 1);
            assertThat(statements(() -> f.backend.countLive())).as("countLive").isEqualTo(1);
            assertThat(statements(() -> f.backend.delete(key))).as("delete").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void aCreateThatCollidesCostsOneStatementOnPostgresqlAndTwoElsewhere(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind, s -> s.put(JdbcSettings.URL, CountingDriver.countingUrl(s.get(JdbcSettings.URL))))) {
            String key = "session:collision";
            Writes.create(f.backend, key, DATA, TTL);
            long expected = kind == JdbcTestDatabase.Kind.POSTGRESQL ? 1 : 2;

            assertThat(statements(() -> Writes.create(f.backend, key, DATA, TTL))).as("create over a live row").isEqualTo(expected);
            f.clock.advance(TTL);
            assertThat(statements(() -> Writes.create(f.backend, key, DATA, TTL))).as("create over an expired row").isEqualTo(expected);
        }
    }
}
