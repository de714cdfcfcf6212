package io.github.session4j.filesystem;

import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.Writes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The main class of the child JVMs of {@link MultiProcessTest}.
 *
 * <ul>
 *   <li>{@code increment <dir> <keys> <threads> <perThread>}: each thread adds 1 to the counter of
 *       a random key, {@code perThread} times, with load and conditional replace retried on a lost
 *       race; prints {@code DONE <damaged files seen> <increments of key 0> <of key 1> ...}.</li>
 *   <li>{@code write <dir> <keys> <threads>}: replaces the records of the keys with ever larger
 *       counters until killed, printing {@code WROTE <n>} now and then.</li>
 *   <li>{@code index <dir> <principals> <tag>}: {@link #indexUnderEveryPrincipal}; prints
 *       {@code DONE}.</li>
 * </ul>
 */
public final class SessionFileWorker {

    static final Duration TTL = Duration.ofHours(1);

    private SessionFileWorker() {
    }

    /**
     * Runs one worker.
     *
     * @param args the mode and its arguments
     * @throws Exception when the work fails (the exit status is then not 0)
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        int keys = Integer.parseInt(args[2]);
        try (FilesystemSessionInterface store = Backends.open(dir, Clock.systemUTC())) {
            if (args[0].equals("index")) {
                indexUnderEveryPrincipal(store, keys, args[3]);
                System.out.println("DONE");
                return;
            }
            int threads = Integer.parseInt(args[3]);
            if (args[0].equals("increment")) {
                increment(store, keys, threads, Integer.parseInt(args[4]));
            } else {
                writeForever(store, keys, threads);
            }
        }
    }

    /**
     * Under each of {@code principals} principal keys, indexes one session that stays
     * ({@code session:<tag>-<p>}) and signs three more in and out again (a create with add, then
     * its tombstone with remove), so that the principal's entry is emptied and removed again and
     * again while other processes add to it.
     *
     * @param store the backend
     * @param principals how many principal keys ({@code IndexFiles.principalKey("u" + p)})
     * @param tag names this process's keys
     */
    static void indexUnderEveryPrincipal(FilesystemSessionInterface store, int principals, String tag) {
        for (int p = 0; p < principals; p++) {
            String pk = IndexFiles.principalKey("u" + p);
            for (int round = 0; round < 3; round++) {
                String temp = "session:" + tag + "-temp-" + p + "-" + round;
                store.write(new RecordWrite.Create(temp, TestRecords.of(0), TTL, IndexChange.add(pk)));
                store.write(new RecordWrite.Replace(temp, new byte[0], store.load(temp).orElseThrow().version(), TTL,
                        IndexChange.remove(pk)));
            }
            if (!store.write(new RecordWrite.Create("session:" + tag + "-" + p, TestRecords.of(0), TTL, IndexChange.add(pk)))
                    .isWritten()) {
                throw new IllegalStateException("the create of a fresh key lost a race");
            }
        }
    }

    static String key(int i) {
        return "session:multi-" + i;
    }

    /** Adds 1 to the counter of {@code key} with load + conditional replace, retrying lost races. */
    static void incrementOnce(FilesystemSessionInterface store, String key) {
        while (true) {
            StoredRecord current = store.load(key).orElseThrow(() -> new AssertionError("the session vanished"));
            long next = TestRecords.counterOf(current.data()) + 1;
            if (Writes.replace(store, key, TestRecords.of(next), current.version(), TTL)) {
                return;
            }
        }
    }

    private static void increment(FilesystemSessionInterface store, int keys, int threads, int perThread) throws Exception {
        AtomicLongArray done = new AtomicLongArray(keys);
        runThreads(threads, () -> {
            for (int i = 0; i < perThread; i++) {
                int k = ThreadLocalRandom.current().nextInt(keys);
                incrementOnce(store, key(k));
                done.incrementAndGet(k);
            }
        });
        StringBuilder line = new StringBuilder("DONE ").append(store.damagedFilesDeleted());
        for (int k = 0; k < keys; k++) {
            line.append(' ').append(done.get(k));
        }
        System.out.println(line);
    }

    private static void writeForever(FilesystemSessionInterface store, int keys, int threads) throws Exception {
        AtomicLong written = new AtomicLong();
        runThreads(threads, () -> {
            while (true) {
                incrementOnce(store, key(ThreadLocalRandom.current().nextInt(keys)));
                if (written.incrementAndGet() % 20 == 0) {
                    System.out.println("WROTE " + written.get());
                }
            }
        });
    }

    private static void runThreads(int count, Runnable work) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < count; t++) {
            Thread thread = new Thread(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a worker thread failed", failures.get(0));
        }
    }
}
