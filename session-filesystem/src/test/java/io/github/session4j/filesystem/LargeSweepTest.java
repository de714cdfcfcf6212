package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.FilesystemLayout;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.MutableClock;
import io.github.session4j.testkit.Writes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweeper clears 100,000 expired files while requests on live sessions go on.
 *
 * <p>The expired files are made directly, in the documented format (with the production
 * encoder), not through the backend: 100,000 atomic writes with two fsyncs each would take
 * minutes. 1,000 of them are real files, the other 99,000 names are hard links to those (see
 * {@link #writeExpiredFiles}). The sweep and the requests run the real code paths, fsyncs included.
 */
class LargeSweepTest {

    private static final int EXPIRED = 100_000;
    private static final int LIVE = 1_000;
    private static final int DISTINCT = 1_000;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void clearsOneHundredThousandExpiredFilesWithoutBlockingRequests() throws Exception {
        try (FilesystemSessionInterface store = Backends.open(dir, clock)) {
            writeExpiredFiles(new FileLayout(dir), clock.millis() - 1);
            for (int i = 0; i < LIVE; i++) {
                Writes.create(store, liveKey(i), TestRecords.of(0), Duration.ofHours(1));
            }

            CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(() -> {
                int total = 0;
                int deleted;
                do {
                    deleted = store.sweepExpired(BackgroundSweeper.BATCH);
                    total += deleted;
                } while (deleted == BackgroundSweeper.BATCH);
                return total;
            });

            int requests = 0;
            int requestsDuringSweep = 0;
            while (!sweep.isDone()) {
                String key = liveKey(requests % LIVE);
                StoredRecord record = store.load(key).orElseThrow();
                assertThat(Writes.replace(store, key, TestRecords.of(TestRecords.counterOf(record.data()) + 1), record.version(),
                        Duration.ofHours(1))).isTrue();
                requests++;
                if (!sweep.isDone()) {
                    requestsDuringSweep++;
                }
                // paced like traffic, so that the requests do not starve the sweep of the CPU
                Thread.sleep(2);
            }

            assertThat(sweep.get(5, TimeUnit.MINUTES)).isEqualTo(EXPIRED);
            assertThat(requestsDuringSweep).as("requests completed while the sweep ran").isPositive();
            assertThat(FilesystemLayout.sessionFiles(dir)).hasSize(LIVE);
            assertThat(store.countLive()).isEqualTo(LIVE);
            long increments = 0;
            for (int i = 0; i < LIVE; i++) {
                increments += TestRecords.counterOf(store.load(liveKey(i)).orElseThrow().data());
            }
            assertThat(increments).isEqualTo(requests);
            System.out.println("requests served while sweeping " + EXPIRED + " expired files: " + requestsDuringSweep);
        }
    }

    /**
     * Writes {@link #DISTINCT} real expired files, and links the other names to them: creating a
     * file with data costs about 50 times more than a link on ext4, and the sweeper does the same
     * work for each name (list, read the header, lock, read again, unlink).
     */
    private static void writeExpiredFiles(FileLayout layout, long expiredAt) throws IOException {
        var directoryMode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        for (int leaf = 0; leaf < FileLayout.LEAVES; leaf++) {
            Files.createDirectories(layout.leafDirectory(leaf), directoryMode);
        }
        byte[] record = TestRecords.of(7);
        for (int i = 0; i < EXPIRED; i++) {
            Path file = layout.fileOf(FileLayout.nameOf(expiredKey(i)));
            if (i < DISTINCT) {
                Files.write(file, FileFormat.encode(expiredKey(i), i, expiredAt, record).array());
            } else {
                Files.createLink(file, layout.fileOf(FileLayout.nameOf(expiredKey(i % DISTINCT))));
            }
        }
    }

    private static String expiredKey(int i) {
        return "session:expired-" + i;
    }

    private static String liveKey(int i) {
        return "session:live-" + i;
    }
}
