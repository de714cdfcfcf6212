package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.FilesystemLayout;
import io.github.session4j.testkit.Writes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVM processes on one session directory: conditional saves exclude each other across
 * processes, and a process killed with SIGKILL in the middle of writes leaves only whole files.
 */
class MultiProcessTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    @Test
    void twoProcessesHammeringTheSameSessionsLoseNoIncrement() throws Exception {
        Path dir = tmp.resolve("sessions");
        int keys = 3;
        int perThread = 100;
        try (FilesystemSessionInterface store = Backends.open(dir, Clock.systemUTC())) {
            for (int k = 0; k < keys; k++) {
                assertThat(Writes.create(store, SessionFileWorker.key(k), TestRecords.of(0), SessionFileWorker.TTL)).isTrue();
            }
            long[] expected = new long[keys];
            try (ChildJvm first = incrementer(dir, keys, perThread); ChildJvm second = incrementer(dir, keys, perThread)) {
                AtomicLongArray mine = incrementHere(store, keys, 2, perThread);
                for (ChildJvm child : List.of(first, second)) {
                    String[] done = child.awaitLine(line -> line.startsWith("DONE "), CHILD_TIMEOUT).split(" ");
                    assertThat(done[1]).as("damaged files seen by a child").isEqualTo("0");
                    for (int k = 0; k < keys; k++) {
                        expected[k] += Long.parseLong(done[2 + k]);
                    }
                    child.awaitSuccess(CHILD_TIMEOUT);
                }
                for (int k = 0; k < keys; k++) {
                    expected[k] += mine.get(k);
                }
            }
            assertThat(expected[0] + expected[1] + expected[2]).isEqualTo(3L * 2 * perThread);
            for (int k = 0; k < keys; k++) {
                long counter = TestRecords.counterOf(store.load(SessionFileWorker.key(k)).orElseThrow().data());
                assertThat(counter).as("counter of key " + k).isEqualTo(expected[k]);
            }
            assertThat(store.damagedFilesDeleted()).isZero();
        }
        assertAllFilesWhole(dir, keys);
        assertThat(FilesystemLayout.tempFiles(dir)).isEmpty();
    }

    @Test
    void twoProcessesIndexingUnderTheSamePrincipalsLoseNoEntry() throws Exception {
        Path dir = tmp.resolve("sessions");
        int principals = 60;
        try (FilesystemSessionInterface store = Backends.open(dir, Clock.systemUTC())) {
            try (ChildJvm child = ChildJvm.start(tmp, SessionFileWorker.class, "index", dir.toString(),
                    String.valueOf(principals), "child")) {
                SessionFileWorker.indexUnderEveryPrincipal(store, principals, "parent");
                child.awaitLine("DONE"::equals, CHILD_TIMEOUT);
                child.awaitSuccess(CHILD_TIMEOUT);
            }
            for (int p = 0; p < principals; p++) {
                assertThat(store.indexedKeys(IndexFiles.principalKey("u" + p), null, 10)).as("principal %d", p)
                        .containsExactly("session:child-" + p, "session:parent-" + p);
            }
            assertThat(IndexFiles.allMarkers(dir)).as("only the markers of the sessions that stay").hasSize(2 * principals);
        }
    }

    @Test
    void aWriterKilledWithSigkillLeavesOnlyWholeFiles() throws Exception {
        Path dir = tmp.resolve("sessions");
        int keys = 4;
        try (FilesystemSessionInterface store = Backends.open(dir, Clock.systemUTC())) {
            for (int k = 0; k < keys; k++) {
                Writes.create(store, SessionFileWorker.key(k), TestRecords.of(0), SessionFileWorker.TTL);
            }
        }
        long[] before = new long[keys];
        for (int round = 0; round < 3; round++) {
            try (ChildJvm writer = ChildJvm.start(tmp, SessionFileWorker.class, "write", dir.toString(), "" + keys, "3")) {
                int target = 40 + ThreadLocalRandom.current().nextInt(40);
                writer.awaitLine(line -> line.startsWith("WROTE ") && Long.parseLong(line.substring(6)) >= target, CHILD_TIMEOUT);
                // land the kill at a random point of the writes in flight
                Thread.sleep(ThreadLocalRandom.current().nextInt(100));
                writer.kill();
            }
            long[] after = assertAllFilesWhole(dir, keys);
            for (int k = 0; k < keys; k++) {
                assertThat(after[k]).as("counter of key " + k + " never goes back").isGreaterThanOrEqualTo(before[k]);
            }
            before = after;
        }
        System.out.println("temporary files left by the killed writers (kills that landed mid-write): "
                + FilesystemLayout.tempFiles(dir).size());

        try (FilesystemSessionInterface store = Backends.open(dir, Clock.systemUTC())) {
            for (int k = 0; k < keys; k++) {
                assertThat(TestRecords.counterOf(store.load(SessionFileWorker.key(k)).orElseThrow().data())).isEqualTo(before[k]);
            }
            for (Path temp : FilesystemLayout.tempFiles(dir)) {
                // a minute past the age, not exactly at it: a sweep within the same millisecond keeps a file of exactly that age
                Files.setLastModifiedTime(temp, FileTime.from(Instant.now().minus(ExpiredFileSweeper.STRAY_TEMP_AGE).minusSeconds(60)));
            }
            store.sweepExpired(100);
            assertThat(store.damagedFilesDeleted()).isZero();
        }
        assertThat(FilesystemLayout.tempFiles(dir)).as("stray temporary files are swept").isEmpty();
    }

    private ChildJvm incrementer(Path dir, int keys, int perThread) throws IOException {
        return ChildJvm.start(tmp, SessionFileWorker.class, "increment", dir.toString(), "" + keys, "2", "" + perThread);
    }

    private static AtomicLongArray incrementHere(FilesystemSessionInterface store, int keys, int threads, int perThread)
            throws Exception {
        AtomicLongArray done = new AtomicLongArray(keys);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int k = ThreadLocalRandom.current().nextInt(keys);
                        SessionFileWorker.incrementOnce(store, SessionFileWorker.key(k));
                        done.incrementAndGet(k);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return done;
    }

    /** Every session file parses whole, holds the key its name is the hash of, and a whole record. */
    private static long[] assertAllFilesWhole(Path dir, int keys) {
        List<Path> files = FilesystemLayout.sessionFiles(dir);
        assertThat(files).hasSize(keys);
        long[] counters = new long[keys];
        for (int k = 0; k < keys; k++) {
            Path file = FilesystemLayout.pathOf(dir, SessionFileWorker.key(k));
            FilesystemLayout.Parsed parsed = FilesystemLayout.parse(file);
            assertThat(parsed.key()).isEqualTo(SessionFileWorker.key(k));
            counters[k] = TestRecords.counterOf(parsed.record());
        }
        return counters;
    }
}
