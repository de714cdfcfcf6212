package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The backend's own sweeper thread, as {@code SESSION_JDBC_SWEEP_INTERVAL} configures it. */
class BackgroundSweeperTest {

    private static Optional<Thread> sweeperThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("session4j-jdbc-sweeper")).findFirst();
    }

    @Test
    void aDaemonThreadDeletesExpiredRowsInBatchesAndStopsOnClose() {
        try (Fixture f = Fixture.open(JdbcTestDatabase.Kind.H2_MEM)) {
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 25; i++) {
                Writes.create(f.backend, "session:old" + i, data, Duration.ofMinutes(1));
            }
            Writes.create(f.backend, "session:live", data, Duration.ofHours(1));
            f.clock.advance(Duration.ofMinutes(2));
            assertThat(sweeperThread()).as("off when SESSION_JDBC_SWEEP_INTERVAL=0").isEmpty();

            JdbcSessionInterface sweeping = f.open(s -> {
                s.put(JdbcSettings.SWEEP_INTERVAL, "100ms");
                s.put(JdbcSettings.SWEEP_BATCH_SIZE, "10");
                s.put(JdbcSettings.SWEEP_PAUSE, "1ms");
            });
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> f.database.count("1 = 1") == 1);
            assertThat(f.backend.load("session:live")).isPresent();
            assertThat(sweeperThread()).hasValueSatisfying(t -> assertThat(t.isDaemon()).isTrue());

            sweeping.close();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sweeperThread().isEmpty());
        }
    }
}
