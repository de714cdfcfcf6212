package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.FilesystemLayout;
import io.github.session4j.testkit.Writes;
import java.time.Duration;
import io.github.session4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLimitTest {

    @TempDir
    java.nio.file.Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void overTheThresholdTheSessionsClosestToExpiryGoFirst() {
        try (FilesystemSessionInterface store = Backends.open(dir, clock, Map.of("SESSION_FILE_THRESHOLD", "10"))) {
            // session i expires after 100 + i minutes, created in shuffled order
            int[] order = {7, 2, 9, 0, 5, 3, 8, 1, 6, 4};
            for (int i : order) {
                Writes.create(store, key(i), new byte[] {(byte) i}, Duration.ofMinutes(100 + i));
            }
            assertThat(FilesystemLayout.sessionFiles(dir)).hasSize(10);

            Writes.create(store, key(99), new byte[] {99}, Duration.ofMinutes(1));

            // 11 files, threshold 10: room is made for 1% of it (at least 1), so down to 9
            assertThat(FilesystemLayout.sessionFiles(dir)).hasSize(9);
            assertThat(store.load(key(99))).as("the session just created is never evicted").isPresent();
            assertThat(store.load(key(0))).as("closest to expiry").isEmpty();
            assertThat(store.load(key(1))).as("next closest").isEmpty();
            for (int i = 2; i < 10; i++) {
                assertThat(store.load(key(i))).as("session " + i).isPresent();
            }
        }
    }

    @Test
    void expiredFilesGoBeforeAnyLiveSession() {
        try (FilesystemSessionInterface store = Backends.open(dir, clock, Map.of("SESSION_FILE_THRESHOLD", "5"))) {
            Writes.create(store, key(0), new byte[] {0}, Duration.ofSeconds(1));
            Writes.create(store, key(1), new byte[] {1}, Duration.ofSeconds(1));
            for (int i = 2; i < 5; i++) {
                Writes.create(store, key(i), new byte[] {(byte) i}, Duration.ofMinutes(i));
            }
            clock.advance(Duration.ofSeconds(1));

            Writes.create(store, key(5), new byte[] {5}, Duration.ofMinutes(5));

            assertThat(FilesystemLayout.sessionFiles(dir)).hasSize(4);
            for (int i = 2; i <= 5; i++) {
                assertThat(store.load(key(i))).as("session " + i).isPresent();
            }
        }
    }

    @Test
    void aNewInstanceCountsTheFilesAlreadyThere() {
        try (FilesystemSessionInterface store = Backends.open(dir, clock)) {
            for (int i = 0; i < 5; i++) {
                Writes.create(store, key(i), new byte[] {(byte) i}, Duration.ofMinutes(10 + i));
            }
        }
        try (FilesystemSessionInterface store = Backends.open(dir, clock, Map.of("SESSION_FILE_THRESHOLD", "5"))) {
            Writes.create(store, key(5), new byte[] {5}, Duration.ofMinutes(60));

            assertThat(FilesystemLayout.sessionFiles(dir)).hasSize(4);
            assertThat(store.load(key(0))).isEmpty();
            assertThat(store.load(key(1))).isEmpty();
            assertThat(store.load(key(5))).isPresent();
        }
    }

    private static String key(int i) {
        return "session:limit-" + i;
    }
}
