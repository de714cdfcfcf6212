package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.session4j.servers.FilesystemLayout;
import io.github.session4j.testkit.MutableClock;
import io.github.session4j.testkit.Writes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpiredFileSweeperTest {

    private static final Duration SHORT = Duration.ofSeconds(10);
    private static final Duration LONG = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private FilesystemSessionInterface store;

    @BeforeEach
    void open() {
        store = Backends.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void deletesExpiredFilesInBatchesAndKeepsLiveOnes() {
        for (int i = 0; i < 25; i++) {
            Writes.create(store, key("old", i), new byte[] {1}, SHORT);
            Writes.create(store, key("live", i), new byte[] {2}, LONG);
        }
        clock.advance(SHORT);

        assertThat(store.sweepExpired(10)).isEqualTo(10);
        assertThat(store.sweepExpired(10)).isEqualTo(10);
        assertThat(store.sweepExpired(10)).isEqualTo(5);
        assertThat(store.sweepExpired(10)).isZero();

        assertThat(FilesystemLayout.sessionFiles(dir)).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(store.load(key("live", i))).isPresent();
        }
    }

    @Test
    void removesDamagedFilesAndStrayTemporaryFilesButNothingElse() throws IOException {
        Writes.create(store, key("live", 0), new byte[] {2}, LONG);
        Path live = FilesystemLayout.pathOf(dir, key("live", 0));
        Path damaged = live.resolveSibling(live.getFileName().toString().substring(0, 3) + "0".repeat(61));
        Files.write(damaged, new byte[] {1, 2, 3});
        Path staleTemp = live.resolveSibling("." + live.getFileName() + ".abc.tmp");
        Path freshTemp = live.resolveSibling("." + live.getFileName() + ".def.tmp");
        Path foreign = live.resolveSibling("notes.txt");
        for (Path p : new Path[] {staleTemp, freshTemp, foreign}) {
            Files.write(p, new byte[] {0});
        }
        Files.setLastModifiedTime(staleTemp, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));

        assertThat(store.sweepExpired(100)).isEqualTo(1);

        assertThat(damaged).doesNotExist();
        assertThat(staleTemp).doesNotExist();
        assertThat(freshTemp).exists();
        assertThat(foreign).exists();
        assertThat(live).exists();
    }

    @Test
    void aFileReplacedSinceTheSweeperLookedIsKept() {
        Writes.create(store, key("k", 0), new byte[] {1}, SHORT);
        clock.advance(SHORT);
        assertThat(Writes.create(store, key("k", 0), new byte[] {2}, LONG)).as("create over an expired record").isTrue();

        assertThat(store.sweepExpired(10)).isZero();
        assertThat(store.load(key("k", 0)).orElseThrow().data()).containsExactly(2);
    }

    @Test
    void refusesANonPositiveBatch() {
        assertThatThrownBy(() -> store.sweepExpired(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecords was 0 but it must be positive");
    }

    @Test
    void theBackgroundSweeperRemovesExpiredFiles() {
        store.close();
        store = Backends.open(dir, clock, Map.of("SESSION_FILE_SWEEP_INTERVAL", "50ms"));
        Writes.create(store, key("old", 0), new byte[] {1}, SHORT);
        Writes.create(store, key("live", 0), new byte[] {2}, LONG);
        clock.advance(SHORT);

        await().atMost(Duration.ofSeconds(20)).until(() -> FilesystemLayout.sessionFiles(dir).size() == 1);
        assertThat(store.load(key("live", 0))).isPresent();
    }

    static String key(String name, int i) {
        return "session:" + name + "-" + i;
    }
}
